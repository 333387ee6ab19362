import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in whose password was right and that waits for its second factor; stored as the SHA-256 of its secret. */
@Entity('sign_in_challenges')
export class SignInChallengeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'challenge_hash', type: 'varchar', length: 64, unique: true })
  challengeHash!: string;

  @Column({ name: 'issued_at', type: 'varchar', length: 24 })
  issuedAt!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 24 })
  expiresAt!: string;

  /** wrong codes given so far */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'used_at', type: 'varchar', length: 24, nullable: true })
  usedAt!: string | null;
}

/**
 * Sign-in attempts counted per key (`user:…`, `address:…`, `user+address:…`) in fixed
 * windows, shared by every server process of one database. Written only by atomic upserts.
 */
@Entity('sign_in_throttle')
export class SignInThrottleEntity {
  @PrimaryColumn({ name: 'throttle_key', type: 'varchar', length: 200 })
  key!: string;

  /** epoch milliseconds */
  @Column({ name: 'window_started_at', type: 'bigint' })
  windowStartedAt!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  /** epoch milliseconds; null when never locked */
  @Column({ name: 'locked_until', type: 'bigint', nullable: true })
  lockedUntil!: string | null;
}
