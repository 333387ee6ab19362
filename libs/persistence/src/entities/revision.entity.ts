import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One immutable revision of a case, person or record. The database refuses UPDATE
 * and DELETE on this table (triggers in the initial migration).
 */
@Entity('revisions')
export class RevisionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 128 })
  entityId!: string;

  @Column({ type: 'integer' })
  version!: number;

  /** UTC instant, normalised to milliseconds (24 characters) so text order is time order */
  @Column({ type: 'varchar', length: 24 })
  at!: string;

  @Column({ type: 'varchar', length: 128 })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** canonical JSON of the whole state; null for a deletion */
  @Column({ type: 'text', nullable: true })
  state!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
