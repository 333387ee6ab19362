import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The access log: every view or change of a case, sign-ins, refusals, admin actions,
 * imports, lists and reports. Rows are chained per segment (one writer at a time per
 * segment) and MACed under the integrity key; the database refuses UPDATE and DELETE.
 */
@Entity('case_access_log')
export class CaseAccessEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 24 })
  at!: string;

  /** null for events without a signed-in user (a failed sign-in of an unknown name, an anonymous refusal) */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  /** the case, when the event touched exactly one; events touching several list them in access_log_cases */
  @Column({ name: 'case_id', type: 'varchar', length: 36, nullable: true })
  caseId!: string | null;

  /** how many cases the event touched */
  @Column({ name: 'case_count', type: 'integer', default: 0 })
  caseCount!: number;

  /** what happened: case.read, sign-in.failure, report.fidelity, admin.user.update, … */
  @Column({ type: 'varchar', length: 32 })
  event!: string;

  @Column({ type: 'varchar', length: 300 })
  route!: string;

  /** api | web | cli */
  @Column({ type: 'varchar', length: 8, default: 'api' })
  interface!: string;

  /** the client's address (as TRUST_PROXY allows it to be known); null from the command line */
  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;

  /** ok | refused | failed */
  @Column({ type: 'varchar', length: 8, default: 'ok' })
  outcome!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  detail!: string | null;

  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId!: string | null;

  /** position in the segment, from 1 */
  @Column({ name: 'segment_n', type: 'integer', nullable: true })
  segmentN!: number | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hash!: string | null;

  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true })
  keyId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  mac!: string | null;
}

/** The cases of an access-log entry that touched more than one (a list, a report, an import). */
@Entity('access_log_cases')
export class AccessLogCaseEntity {
  @PrimaryColumn({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId!: string;

  @PrimaryColumn({ name: 'segment_n', type: 'integer' })
  segmentN!: number;

  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;
}
