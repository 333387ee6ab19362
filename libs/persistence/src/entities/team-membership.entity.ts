import { Entity, PrimaryColumn } from 'typeorm';

@Entity('team_memberships')
export class TeamMembershipEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ name: 'team_id', type: 'varchar', length: 36 })
  teamId!: string;
}
