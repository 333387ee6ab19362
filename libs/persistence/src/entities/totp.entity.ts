import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's time-based one-time-password secret, encrypted under TOTP_KEY_FILE; active once confirmed with a code. */
@Entity('user_totp')
export class UserTotpEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** AES-256-GCM ciphertext of the secret, bound to the user id */
  @Column({ name: 'secret_ciphertext', type: 'varchar', length: 255 })
  secretCiphertext!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  /** null while the enrolment waits for its first code */
  @Column({ name: 'confirmed_at', type: 'varchar', length: 24, nullable: true })
  confirmedAt!: string | null;

  /** the last 30-second step a code was accepted for: a code is never accepted twice */
  @Column({ name: 'last_used_step', type: 'integer', nullable: true })
  lastUsedStep!: number | null;
}

/** A single-use recovery code, stored as its HMAC. */
@Entity('recovery_codes')
export class RecoveryCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'used_at', type: 'varchar', length: 24, nullable: true })
  usedAt!: string | null;
}
