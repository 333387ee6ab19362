import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the case search and the paged lists: cases by allocated worker (search by
 * worker's name goes users → ids → cases), the access log of one user newest first, and
 * the audits a user takes part in as auditor (as worker: ix_case_audits_worker).
 */
export class ListIndexes1764100000000 implements MigrationInterface {
  name = 'ListIndexes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_cases_worker ON cases (worker)`);
    await q.query(`CREATE INDEX ix_case_access_user ON case_access_log (user_id, seq)`);
    await q.query(`CREATE INDEX ix_case_audits_auditor ON case_audits (auditor_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['ix_case_audits_auditor', 'ix_case_access_user', 'ix_cases_worker']) await q.query(`DROP INDEX ${index}`);
  }
}
