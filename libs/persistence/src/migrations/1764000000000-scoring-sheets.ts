import { MigrationInterface, QueryRunner } from 'typeorm';

/** An evaluator's own judgement of each indicator for a case (its history is in `revisions`). */
export class ScoringSheets1764000000000 implements MigrationInterface {
  name = 'ScoringSheets1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scoring_sheets (
      case_id VARCHAR(36) NOT NULL REFERENCES cases(id),
      rater_id VARCHAR(36) NOT NULL REFERENCES users(id),
      data TEXT,
      version INTEGER NOT NULL,
      deleted BOOLEAN NOT NULL DEFAULT FALSE,
      PRIMARY KEY (case_id, rater_id)
    )`);
    await q.query(`CREATE INDEX ix_scoring_sheets_rater ON scoring_sheets (rater_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scoring_sheets`);
  }
}
