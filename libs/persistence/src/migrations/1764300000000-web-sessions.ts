import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pages beside the API. Tokens are either API bearer tokens or browser sessions (a
 * cookie), and both end after a time without use as well as at their expiry; a form
 * posted after its session ended is kept for a short while so the user gets it back
 * after signing in again. (Which interface an access came through is the access log's
 * own column, added by the tamper-evidence migration.)
 */
export class WebSessions1764300000000 implements MigrationInterface {
  name = 'WebSessions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auth_tokens ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'bearer' CHECK (kind IN ('bearer', 'session'))`);
    await q.query(`ALTER TABLE auth_tokens ADD COLUMN last_used_at VARCHAR(24)`);
    await q.query(`UPDATE auth_tokens SET last_used_at = issued_at`);
    await q.query(`CREATE TABLE form_drafts (
      id VARCHAR(64) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      path VARCHAR(300) NOT NULL,
      data TEXT NOT NULL,
      created_at VARCHAR(24) NOT NULL,
      expires_at VARCHAR(24) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_form_drafts_expires ON form_drafts (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE form_drafts`);
    await q.query(`ALTER TABLE auth_tokens DROP COLUMN last_used_at`);
    await q.query(`ALTER TABLE auth_tokens DROP COLUMN kind`);
  }
}
