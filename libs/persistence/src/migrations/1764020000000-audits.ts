import { MigrationInterface, QueryRunner } from 'typeorm';

/** Collaborative audit rounds and the case audits drawn into them (audit history is in `revisions`). */
export class Audits1764020000000 implements MigrationInterface {
  name = 'Audits1764020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_rounds (
      id VARCHAR(36) PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      team_ids TEXT NOT NULL,
      as_of VARCHAR(24) NOT NULL,
      sample TEXT NOT NULL,
      auditors TEXT NOT NULL,
      due_on VARCHAR(10) NOT NULL,
      status VARCHAR(16) NOT NULL CHECK (status IN ('planned', 'in_progress', 'moderation', 'closed')),
      previous_round_id VARCHAR(36) REFERENCES audit_rounds(id),
      drawn TEXT,
      created_by VARCHAR(36) NOT NULL,
      created_at VARCHAR(24) NOT NULL
    )`);
    await q.query(`CREATE TABLE case_audits (
      id VARCHAR(36) PRIMARY KEY,
      round_id VARCHAR(36) NOT NULL REFERENCES audit_rounds(id),
      case_id VARCHAR(36) NOT NULL REFERENCES cases(id),
      site_code VARCHAR(64) NOT NULL,
      case_ref VARCHAR(128) NOT NULL,
      team_id VARCHAR(36),
      auditor_id VARCHAR(36) NOT NULL,
      worker_id VARCHAR(128),
      snapshot TEXT NOT NULL,
      data TEXT,
      version INTEGER NOT NULL,
      deleted BOOLEAN NOT NULL DEFAULT FALSE,
      CONSTRAINT uq_case_audits_round_case UNIQUE (round_id, case_id)
    )`);
    await q.query(`CREATE INDEX ix_case_audits_team ON case_audits (team_id)`);
    await q.query(`CREATE INDEX ix_case_audits_worker ON case_audits (worker_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_audits`);
    await q.query(`DROP TABLE audit_rounds`);
  }
}
