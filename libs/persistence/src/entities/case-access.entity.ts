import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every view or change of a case, by whom and through which route. */
@Entity('case_access_log')
export class CaseAccessEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 24 })
  at!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: string;

  @Column({ type: 'varchar', length: 300 })
  route!: string;
}
