import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Something a user should know about their own account (an admin changed their role, reset their password…). */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 24 })
  at!: string;

  /** role-changed, teams-changed, password-reset, totp-reset, account-created */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 500 })
  message!: string;

  /** the admin who made the change */
  @Column({ name: 'by_user_id', type: 'varchar', length: 36, nullable: true })
  byUserId!: string | null;

  @Column({ name: 'read_at', type: 'varchar', length: 24, nullable: true })
  readAt!: string | null;
}
