import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/**
 * Sites, teams, users and tokens; cases, people and records (current state); the
 * append-only revisions table with triggers that refuse UPDATE and DELETE; the case
 * access log; child's-voice attachments.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = dialectOf(q) === 'postgres';
    const serial = pg ? 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
    const bytes = pg ? 'BYTEA' : 'BLOB';

    await q.query(`CREATE TABLE sites (
      code VARCHAR(64) PRIMARY KEY,
      name VARCHAR(200)
    )`);
    await q.query(`CREATE TABLE teams (
      id VARCHAR(36) PRIMARY KEY,
      site_code VARCHAR(64) NOT NULL REFERENCES sites(code),
      name VARCHAR(200) NOT NULL,
      CONSTRAINT uq_teams_site_name UNIQUE (site_code, name)
    )`);
    await q.query(`CREATE TABLE users (
      id VARCHAR(36) PRIMARY KEY,
      username VARCHAR(64) NOT NULL UNIQUE,
      display_name VARCHAR(200) NOT NULL,
      role VARCHAR(32) NOT NULL CHECK (role IN ('social_worker', 'team_manager', 'evaluator', 'admin')),
      password_hash VARCHAR(255) NOT NULL,
      disabled BOOLEAN NOT NULL DEFAULT FALSE,
      created_at VARCHAR(24) NOT NULL
    )`);
    await q.query(`CREATE TABLE team_memberships (
      user_id VARCHAR(36) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      team_id VARCHAR(36) NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, team_id)
    )`);
    await q.query(`CREATE INDEX ix_team_memberships_team ON team_memberships (team_id)`);
    await q.query(`CREATE TABLE auth_tokens (
      id VARCHAR(36) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash VARCHAR(64) NOT NULL UNIQUE,
      issued_at VARCHAR(24) NOT NULL,
      expires_at VARCHAR(24) NOT NULL,
      revoked_at VARCHAR(24)
    )`);
    await q.query(`CREATE TABLE cases (
      id VARCHAR(36) PRIMARY KEY,
      site_code VARCHAR(64) NOT NULL REFERENCES sites(code),
      ref VARCHAR(128) NOT NULL,
      team_id VARCHAR(36) REFERENCES teams(id),
      worker VARCHAR(128),
      stage VARCHAR(32) NOT NULL,
      opened_on VARCHAR(10) NOT NULL,
      closed_on VARCHAR(10),
      research_consent BOOLEAN NOT NULL DEFAULT FALSE,
      version INTEGER NOT NULL,
      deleted BOOLEAN NOT NULL DEFAULT FALSE,
      CONSTRAINT uq_cases_site_ref UNIQUE (site_code, ref)
    )`);
    await q.query(`CREATE INDEX ix_cases_team ON cases (team_id)`);
    await q.query(`CREATE TABLE people (
      case_id VARCHAR(36) NOT NULL REFERENCES cases(id),
      person_id VARCHAR(128) NOT NULL,
      role VARCHAR(16) NOT NULL,
      name VARCHAR(200),
      birth_date VARCHAR(10),
      relationship VARCHAR(200),
      version INTEGER NOT NULL,
      deleted BOOLEAN NOT NULL DEFAULT FALSE,
      PRIMARY KEY (case_id, person_id)
    )`);
    await q.query(`CREATE TABLE case_records (
      case_id VARCHAR(36) NOT NULL REFERENCES cases(id),
      record_id VARCHAR(128) NOT NULL,
      type VARCHAR(32) NOT NULL,
      data TEXT,
      version INTEGER NOT NULL,
      deleted BOOLEAN NOT NULL DEFAULT FALSE,
      PRIMARY KEY (case_id, record_id)
    )`);
    await q.query(`CREATE TABLE revisions (
      seq ${serial},
      entity_type VARCHAR(32) NOT NULL,
      case_id VARCHAR(36) NOT NULL,
      entity_id VARCHAR(128) NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      at VARCHAR(24) NOT NULL,
      actor VARCHAR(128) NOT NULL,
      reason TEXT,
      state TEXT,
      prev_hash VARCHAR(64),
      hash VARCHAR(64) NOT NULL,
      CONSTRAINT uq_revisions_entity_version UNIQUE (case_id, entity_type, entity_id, version)
    )`);
    await q.query(`CREATE INDEX ix_revisions_case_at ON revisions (case_id, at)`);
    await q.query(`CREATE TABLE case_access_log (
      seq ${serial},
      at VARCHAR(24) NOT NULL,
      user_id VARCHAR(36) NOT NULL,
      case_id VARCHAR(36) NOT NULL,
      action VARCHAR(16) NOT NULL,
      route VARCHAR(300) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_case_access_case ON case_access_log (case_id, at)`);
    await q.query(`CREATE TABLE attachments (
      case_id VARCHAR(36) NOT NULL REFERENCES cases(id),
      sha256 VARCHAR(64) NOT NULL,
      media_type VARCHAR(127) NOT NULL,
      size INTEGER NOT NULL,
      content ${bytes} NOT NULL,
      created_at VARCHAR(24) NOT NULL,
      created_by VARCHAR(128) NOT NULL,
      PRIMARY KEY (case_id, sha256)
    )`);

    if (pg) {
      await q.query(`CREATE FUNCTION mapwork_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $$`);
      for (const table of ['revisions', 'case_access_log']) {
        await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION mapwork_refuse_change()`);
        await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION mapwork_refuse_change()`);
      }
    } else {
      for (const table of ['revisions', 'case_access_log']) {
        await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
          BEGIN SELECT RAISE(ABORT, 'UPDATE on ${table} is not allowed: the table is append-only'); END`);
        await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
          BEGIN SELECT RAISE(ABORT, 'DELETE on ${table} is not allowed: the table is append-only'); END`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = dialectOf(q) === 'postgres';
    for (const t of ['attachments', 'case_access_log', 'revisions', 'case_records', 'people', 'cases',
      'auth_tokens', 'team_memberships', 'users', 'teams', 'sites']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    if (pg) await q.query(`DROP FUNCTION IF EXISTS mapwork_refuse_change()`);
  }
}
