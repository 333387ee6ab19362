import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The current state of one mapping, safety plan, network meeting or child's-voice
 * piece of work. `data` is the canonical JSON of the record's fields as the
 * interchange format names them; null while the record is deleted.
 */
@Entity('case_records')
export class CaseRecordEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @PrimaryColumn({ name: 'record_id', type: 'varchar', length: 128 })
  recordId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ type: 'text', nullable: true })
  data!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
