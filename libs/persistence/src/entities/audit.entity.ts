import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_rounds')
export class AuditRoundEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  /** JSON list of team ids in scope */
  @Column({ name: 'team_ids', type: 'text' }) teamIds!: string;
  @Column({ name: 'as_of', type: 'varchar', length: 24 }) asOf!: string;
  /** JSON sample rule: { kind: 'named', cases } or { kind: 'random', perTeam, seed } */
  @Column({ type: 'text' }) sample!: string;
  /** JSON list of auditor user ids */
  @Column({ type: 'text' }) auditors!: string;
  @Column({ name: 'due_on', type: 'varchar', length: 10 }) dueOn!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'previous_round_id', type: 'varchar', length: 36, nullable: true }) previousRoundId!: string | null;
  /** JSON list of the cases drawn, with their refs */
  @Column({ type: 'text', nullable: true }) drawn!: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 36 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt!: string;
}

@Entity('case_audits')
export class CaseAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'round_id', type: 'varchar', length: 36 }) roundId!: string;
  @Column({ name: 'case_id', type: 'varchar', length: 36 }) caseId!: string;
  /** the case's site and ref as at the round's instant */
  @Column({ name: 'site_code', type: 'varchar', length: 64 }) siteCode!: string;
  @Column({ name: 'case_ref', type: 'varchar', length: 128 }) caseRef!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true }) teamId!: string | null;
  @Column({ name: 'auditor_id', type: 'varchar', length: 36 }) auditorId!: string;
  @Column({ name: 'worker_id', type: 'varchar', length: 128, nullable: true }) workerId!: string | null;
  /** the frozen snapshot: the case as at the round's instant and its computed indicators */
  @Column({ type: 'text' }) snapshot!: string;
  @Column({ type: 'text', nullable: true }) data!: string | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'boolean', default: false }) deleted!: boolean;
}
