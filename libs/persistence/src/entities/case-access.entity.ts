import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ACCESS_INTERFACES = ['api', 'web', 'cli'] as const;
export type AccessInterface = (typeof ACCESS_INTERFACES)[number];

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

  /** which interface the access came through */
  @Column({ type: 'varchar', length: 8, default: 'api' })
  interface!: AccessInterface;
}
