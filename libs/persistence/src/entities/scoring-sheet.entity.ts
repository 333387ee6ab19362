import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The current state of an evaluator's scoring sheet for one case. */
@Entity('scoring_sheets')
export class ScoringSheetEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @PrimaryColumn({ name: 'rater_id', type: 'varchar', length: 36 })
  raterId!: string;

  @Column({ type: 'text', nullable: true })
  data!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
