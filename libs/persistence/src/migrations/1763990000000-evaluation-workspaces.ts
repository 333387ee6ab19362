import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sites are either live (a local authority's own recording) or evaluation workspaces,
 * into which evaluators import case files from other systems.
 */
export class EvaluationWorkspaces1763990000000 implements MigrationInterface {
  name = 'EvaluationWorkspaces1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sites ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'live' CHECK (kind IN ('live', 'evaluation'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sites DROP COLUMN kind`);
  }
}
