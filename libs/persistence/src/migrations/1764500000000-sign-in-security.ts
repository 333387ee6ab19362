import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/**
 * Sign-in security: a forced password change after an admin set the password, token
 * scopes for unfinished sign-ins, one-time-password secrets and recovery codes,
 * second-factor challenges, the sign-in throttle shared by every server process,
 * and notifications to users about their own account (what is logged about sign-ins and
 * accounts goes to the one access log, access_log). Tokens of admins and evaluators
 * issued before a second factor was required are revoked.
 */
export class SignInSecurity1764500000000 implements MigrationInterface {
  name = 'SignInSecurity1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = dialectOf(q) === 'postgres';

    await q.query(`ALTER TABLE users ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT FALSE`);
    await q.query(`ALTER TABLE auth_tokens ADD COLUMN scope VARCHAR(24) NOT NULL DEFAULT 'full'`);
    await q.query(`CREATE INDEX ix_auth_tokens_user ON auth_tokens (user_id)`);
    await q.query(`CREATE TABLE user_totp (
      user_id VARCHAR(36) PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      secret_ciphertext VARCHAR(255) NOT NULL,
      created_at VARCHAR(24) NOT NULL,
      confirmed_at VARCHAR(24),
      last_used_step INTEGER
    )`);
    await q.query(`CREATE TABLE recovery_codes (
      id VARCHAR(36) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash VARCHAR(64) NOT NULL,
      created_at VARCHAR(24) NOT NULL,
      used_at VARCHAR(24)
    )`);
    await q.query(`CREATE INDEX ix_recovery_codes_user ON recovery_codes (user_id, code_hash)`);
    await q.query(`CREATE TABLE sign_in_challenges (
      id VARCHAR(36) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      challenge_hash VARCHAR(64) NOT NULL UNIQUE,
      issued_at VARCHAR(24) NOT NULL,
      expires_at VARCHAR(24) NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      used_at VARCHAR(24)
    )`);
    await q.query(`CREATE TABLE sign_in_throttle (
      throttle_key VARCHAR(200) PRIMARY KEY,
      window_started_at BIGINT NOT NULL,
      attempts INTEGER NOT NULL,
      locked_until BIGINT
    )`);
    await q.query(`CREATE TABLE notifications (
      id VARCHAR(36) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      at VARCHAR(24) NOT NULL,
      kind VARCHAR(32) NOT NULL,
      message VARCHAR(500) NOT NULL,
      by_user_id VARCHAR(36),
      read_at VARCHAR(24)
    )`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (user_id, at)`);
    await q.query(
      `UPDATE auth_tokens SET revoked_at = ${pg ? '$1' : '?'} WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE role IN ('admin', 'evaluator'))`,
      [new Date().toISOString()],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notifications', 'sign_in_throttle', 'sign_in_challenges', 'recovery_codes', 'user_totp']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP INDEX IF EXISTS ix_auth_tokens_user`);
    await q.query(`ALTER TABLE auth_tokens DROP COLUMN scope`);
    await q.query(`ALTER TABLE users DROP COLUMN password_change_required`);
  }
}
