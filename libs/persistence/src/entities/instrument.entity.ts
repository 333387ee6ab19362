import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('instruments')
export class InstrumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  /** the definition as JSON */
  @Column({ type: 'text' }) definition!: string;
  @Column({ name: 'loaded_at', type: 'varchar', length: 24 }) loadedAt!: string;
  @Column({ name: 'loaded_by', type: 'varchar', length: 36 }) loadedBy!: string;
}

@Entity('instrument_responses')
export class InstrumentResponseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'instrument_id', type: 'varchar', length: 64 }) instrumentId!: string;
  @Column({ name: 'respondent_kind', type: 'varchar', length: 32 }) respondentKind!: string;
  @Column({ name: 'site_code', type: 'varchar', length: 64 }) siteCode!: string;
  @Column({ name: 'case_ref', type: 'varchar', length: 128, nullable: true }) caseRef!: string | null;
  @Column({ name: 'time_point', type: 'varchar', length: 8 }) timePoint!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) frame!: string | null;
  /** answers by item id, as JSON */
  @Column({ type: 'text' }) answers!: string;
  @Column({ name: 'submitted_at', type: 'varchar', length: 24 }) submittedAt!: string;
  @Column({ name: 'submitted_by', type: 'varchar', length: 36 }) submittedBy!: string;
}
