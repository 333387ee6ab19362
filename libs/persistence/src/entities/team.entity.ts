import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A team within a site; access to cases is granted by team membership. */
@Entity('teams')
export class TeamEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'site_code', type: 'varchar', length: 64 })
  siteCode!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;
}
