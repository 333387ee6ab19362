import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A local authority or pilot: the `site` of a case file. */
@Entity('sites')
export class SiteEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  /** `live` recording, or an `evaluation` workspace evaluators import into */
  @Column({ type: 'varchar', length: 16, default: 'live' })
  kind!: 'live' | 'evaluation';
}
