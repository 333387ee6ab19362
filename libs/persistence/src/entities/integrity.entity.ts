import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The signed head of each history: its latest version and hash, MACed under the
 * integrity key and written in the same transaction as the revision, so removing the
 * newest revisions of a history (or all of them) shows.
 */
@Entity('integrity_heads')
export class IntegrityHeadEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 }) caseId!: string;
  @PrimaryColumn({ name: 'entity_type', type: 'varchar', length: 32 }) entityType!: string;
  @PrimaryColumn({ name: 'entity_id', type: 'varchar', length: 128 }) entityId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  @Column({ name: 'key_id', type: 'varchar', length: 16 }) keyId!: string;
  @Column({ type: 'varchar', length: 64 }) mac!: string;
}

/**
 * A checkpoint, as also appended to the checkpoint file outside the database: how many
 * revisions there were up to a position, the cases changed since the previous
 * checkpoint with their counts, and the access-log segment heads. Chained and MACed.
 */
@Entity('integrity_checkpoints')
export class IntegrityCheckpointEntity {
  @PrimaryColumn({ type: 'integer' }) n!: number;
  @Column({ type: 'varchar', length: 24 }) at!: string;
  /** the whole checkpoint as written to the file (canonical JSON) */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  @Column({ name: 'key_id', type: 'varchar', length: 16 }) keyId!: string;
  @Column({ type: 'varchar', length: 64 }) mac!: string;
}

/**
 * The seal: when the database came under the integrity key, which rows were written
 * before (and are protected by the signed heads and a digest instead of their own MAC),
 * and the database's id, which names its checkpoint file. One row.
 */
@Entity('integrity_seal')
export class IntegritySealEntity {
  @PrimaryColumn({ type: 'integer' }) id!: number;
  @Column({ name: 'database_id', type: 'varchar', length: 36 }) databaseId!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'key_id', type: 'varchar', length: 16 }) keyId!: string;
  @Column({ type: 'varchar', length: 64 }) mac!: string;
}
