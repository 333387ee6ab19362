import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

const APPEND_ONLY = ['access_log_cases', 'integrity_checkpoints', 'integrity_seal'];

/**
 * Tamper evidence that holds against someone with database rights but without the
 * integrity key (kept in a file outside the database):
 * - revisions get a MAC and the source system's author of an imported revision
 *   (`source_actor`); existing rows and their hashes are unchanged;
 * - `integrity_heads`: the signed latest version and hash of every history;
 * - the access log is rebuilt for events beyond case access (user and case nullable,
 *   event, interface, address, outcome, detail) and chained per segment with a MAC;
 *   `access_log_cases` lists the cases of events that touched several;
 * - `integrity_checkpoints` and `integrity_seal` (written by the application with the key).
 */
export class TamperEvidence1764400000000 implements MigrationInterface {
  name = 'TamperEvidence1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = dialectOf(q) === 'postgres';
    for (const column of ['source_actor VARCHAR(128)', 'key_id VARCHAR(16)', 'mac VARCHAR(64)']) {
      await q.query(`ALTER TABLE revisions ADD COLUMN ${column}`);
    }
    await q.query(`CREATE TABLE integrity_heads (
      case_id VARCHAR(36) NOT NULL,
      entity_type VARCHAR(32) NOT NULL,
      entity_id VARCHAR(128) NOT NULL,
      version INTEGER NOT NULL,
      hash VARCHAR(64) NOT NULL,
      key_id VARCHAR(16) NOT NULL,
      mac VARCHAR(64) NOT NULL,
      PRIMARY KEY (case_id, entity_type, entity_id)
    )`);

    if (pg) await this.accessLogPostgres(q);
    else await this.accessLogSqlite(q);
    await q.query(`CREATE UNIQUE INDEX uq_case_access_segment ON case_access_log (segment_id, segment_n)`);
    // ListIndexes made this index on PostgreSQL, where the table is altered in place (SQLite rebuilt it without)
    await q.query(`DROP INDEX IF EXISTS ix_case_access_user`);
    await q.query(`CREATE INDEX ix_case_access_user ON case_access_log (user_id, seq)`);
    await q.query(`CREATE INDEX ix_case_access_at ON case_access_log (at)`);
    await q.query(`CREATE TABLE access_log_cases (
      segment_id VARCHAR(36) NOT NULL,
      segment_n INTEGER NOT NULL,
      case_id VARCHAR(36) NOT NULL,
      PRIMARY KEY (segment_id, segment_n, case_id)
    )`);
    await q.query(`CREATE INDEX ix_access_log_cases_case ON access_log_cases (case_id)`);

    await q.query(`CREATE TABLE integrity_checkpoints (
      n INTEGER PRIMARY KEY,
      at VARCHAR(24) NOT NULL,
      body TEXT NOT NULL,
      hash VARCHAR(64) NOT NULL,
      key_id VARCHAR(16) NOT NULL,
      mac VARCHAR(64) NOT NULL
    )`);
    await q.query(`CREATE TABLE integrity_seal (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      database_id VARCHAR(36) NOT NULL,
      body TEXT NOT NULL,
      key_id VARCHAR(16) NOT NULL,
      mac VARCHAR(64) NOT NULL
    )`);
    for (const table of APPEND_ONLY) await appendOnly(q, table);
  }

  private async accessLogPostgres(q: QueryRunner) {
    await q.query(`ALTER TABLE case_access_log ALTER COLUMN user_id DROP NOT NULL`);
    await q.query(`ALTER TABLE case_access_log ALTER COLUMN case_id DROP NOT NULL`);
    await q.query(`ALTER TABLE case_access_log ADD COLUMN event VARCHAR(32)`);
    await q.query(`ALTER TABLE case_access_log DISABLE TRIGGER case_access_log_append_only`);
    await q.query(`UPDATE case_access_log SET event = 'case.' || action`);
    await q.query(`ALTER TABLE case_access_log ENABLE TRIGGER case_access_log_append_only`);
    await q.query(`ALTER TABLE case_access_log ALTER COLUMN event SET NOT NULL`);
    await q.query(`ALTER TABLE case_access_log DROP COLUMN action`);
    // another change may have added `interface` already (page views): keep it if so
    await q.query(`ALTER TABLE case_access_log ADD COLUMN IF NOT EXISTS interface VARCHAR(8) NOT NULL DEFAULT 'api'`);
    for (const column of [
      'address VARCHAR(64)',
      "outcome VARCHAR(8) NOT NULL DEFAULT 'ok'",
      'case_count INTEGER NOT NULL DEFAULT 1',
      'detail VARCHAR(300)',
      'segment_id VARCHAR(36)',
      'segment_n INTEGER',
      'prev_hash VARCHAR(64)',
      'hash VARCHAR(64)',
      'key_id VARCHAR(16)',
      'mac VARCHAR(64)',
    ]) {
      await q.query(`ALTER TABLE case_access_log ADD COLUMN ${column}`);
    }
    await q.query(`ALTER TABLE case_access_log ALTER COLUMN case_count SET DEFAULT 0`);
  }

  /** SQLite cannot drop NOT NULL: the table is rebuilt, rows and their order kept. */
  private async accessLogSqlite(q: QueryRunner) {
    const columns: Array<{ name: string }> = await q.query(`PRAGMA table_info(case_access_log)`);
    const hasInterface = columns.some((c) => c.name === 'interface');
    await q.query(`CREATE TABLE case_access_log_next (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at VARCHAR(24) NOT NULL,
      user_id VARCHAR(36),
      case_id VARCHAR(36),
      case_count INTEGER NOT NULL DEFAULT 0,
      event VARCHAR(32) NOT NULL,
      route VARCHAR(300) NOT NULL,
      interface VARCHAR(8) NOT NULL DEFAULT 'api',
      address VARCHAR(64),
      outcome VARCHAR(8) NOT NULL DEFAULT 'ok',
      detail VARCHAR(300),
      segment_id VARCHAR(36),
      segment_n INTEGER,
      prev_hash VARCHAR(64),
      hash VARCHAR(64),
      key_id VARCHAR(16),
      mac VARCHAR(64)
    )`);
    await q.query(`INSERT INTO case_access_log_next (seq, at, user_id, case_id, case_count, event, route, interface)
      SELECT seq, at, user_id, case_id, 1, 'case.' || action, route, ${hasInterface ? 'interface' : "'api'"} FROM case_access_log ORDER BY seq`);
    await q.query(`DROP TABLE case_access_log`);
    await q.query(`ALTER TABLE case_access_log_next RENAME TO case_access_log`);
    await q.query(`CREATE INDEX ix_case_access_case ON case_access_log (case_id, at)`);
    await appendOnly(q, 'case_access_log');
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = dialectOf(q) === 'postgres';
    for (const table of ['integrity_seal', 'integrity_checkpoints', 'access_log_cases', 'integrity_heads']) await q.query(`DROP TABLE ${table}`);
    for (const index of ['uq_case_access_segment', 'ix_case_access_user', 'ix_case_access_at']) await q.query(`DROP INDEX ${index}`);
    if (pg) {
      await q.query(`ALTER TABLE case_access_log ADD COLUMN action VARCHAR(16)`);
      await q.query(`ALTER TABLE case_access_log DISABLE TRIGGER case_access_log_append_only`);
      await q.query(`UPDATE case_access_log SET action = substr(event, 6) WHERE event LIKE 'case.%'`);
      await q.query(`DELETE FROM case_access_log WHERE action IS NULL OR user_id IS NULL OR case_id IS NULL`);
      await q.query(`ALTER TABLE case_access_log ENABLE TRIGGER case_access_log_append_only`);
      await q.query(`ALTER TABLE case_access_log ALTER COLUMN action SET NOT NULL`);
      for (const c of ['event', 'address', 'outcome', 'case_count', 'detail', 'segment_id', 'segment_n', 'prev_hash', 'hash', 'key_id', 'mac']) {
        await q.query(`ALTER TABLE case_access_log DROP COLUMN ${c}`);
      }
      await q.query(`ALTER TABLE case_access_log ALTER COLUMN user_id SET NOT NULL`);
      await q.query(`ALTER TABLE case_access_log ALTER COLUMN case_id SET NOT NULL`);
    } else {
      await q.query(`CREATE TABLE case_access_log_prev (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at VARCHAR(24) NOT NULL, user_id VARCHAR(36) NOT NULL,
        case_id VARCHAR(36) NOT NULL, action VARCHAR(16) NOT NULL, route VARCHAR(300) NOT NULL, interface VARCHAR(8) NOT NULL DEFAULT 'api'
      )`);
      await q.query(`INSERT INTO case_access_log_prev (seq, at, user_id, case_id, action, route, interface)
        SELECT seq, at, user_id, case_id, substr(event, 6), route, interface FROM case_access_log
        WHERE event LIKE 'case.%' AND user_id IS NOT NULL AND case_id IS NOT NULL ORDER BY seq`);
      await q.query(`DROP TABLE case_access_log`);
      await q.query(`ALTER TABLE case_access_log_prev RENAME TO case_access_log`);
      await q.query(`CREATE INDEX ix_case_access_case ON case_access_log (case_id, at)`);
      await appendOnly(q, 'case_access_log');
    }
    // as ListIndexes left it, so its own down finds it
    await q.query(`CREATE INDEX ix_case_access_user ON case_access_log (user_id, seq)`);
    for (const column of ['mac', 'key_id', 'source_actor']) await q.query(`ALTER TABLE revisions DROP COLUMN ${column}`);
  }
}

/** The same refusal of UPDATE and DELETE as the initial migration gives revisions and the access log. */
async function appendOnly(q: QueryRunner, table: string) {
  if (dialectOf(q) === 'postgres') {
    await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION mapwork_refuse_change()`);
    await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION mapwork_refuse_change()`);
  } else {
    await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, 'UPDATE on ${table} is not allowed: the table is append-only'); END`);
    await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, 'DELETE on ${table} is not allowed: the table is append-only'); END`);
  }
}
