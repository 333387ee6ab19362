import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One immutable revision of a case, person or record. The database refuses UPDATE
 * and DELETE on this table (triggers in the initial migration).
 */
@Entity('revisions')
export class RevisionEntity {
  /** BIGINT on PostgreSQL, which the driver returns as a string: read it with Number() */
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

  /** who wrote the revision here: the user, or for an import the importing user */
  @Column({ type: 'varchar', length: 128 })
  actor!: string;

  /** for an imported revision, the author the source system named (`by` in the file); null for revisions written here */
  @Column({ name: 'source_actor', type: 'varchar', length: 128, nullable: true })
  sourceActor!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** canonical JSON of the whole state; null for a deletion */
  @Column({ type: 'text', nullable: true })
  state!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** the integrity key the MAC was made with; null for rows written before the database was sealed */
  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true })
  keyId!: string | null;

  /** HMAC-SHA-256 of the hash under the integrity key, so the chain cannot be recomputed without the key */
  @Column({ type: 'varchar', length: 64, nullable: true })
  mac!: string | null;
}
