import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The current state of a case (its history is in `revisions`). */
@Entity('cases')
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'site_code', type: 'varchar', length: 64 })
  siteCode!: string;

  @Column({ type: 'varchar', length: 128 })
  ref!: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  worker!: string | null;

  @Column({ type: 'varchar', length: 32 })
  stage!: string;

  @Column({ name: 'opened_on', type: 'varchar', length: 10 })
  openedOn!: string;

  @Column({ name: 'closed_on', type: 'varchar', length: 10, nullable: true })
  closedOn!: string | null;

  @Column({ name: 'research_consent', type: 'boolean', default: false })
  researchConsent!: boolean;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
