import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Sign-ins, lockouts and account changes: the access log's entries that are not about a case. Append-only. */
@Entity('access_events')
export class AccessEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 24 })
  at!: string;

  /** sign-in.success, sign-in.failure, sign-in.lockout, password.change, admin.user.role, totp.enrol, … */
  @Column({ type: 'varchar', length: 40 })
  event!: string;

  /** who the event is about; null for a sign-in with an unknown username */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;

  /** api | web | cli */
  @Column({ type: 'varchar', length: 8 })
  interface!: string;

  /** ok | refused | failed */
  @Column({ type: 'varchar', length: 8 })
  outcome!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  detail!: string | null;
}
