import { MigrationInterface, QueryRunner } from 'typeorm';

/** How to reach a user: the family's safety plan prints the allocated worker's phone and email. */
export class UserContactDetails1764200000000 implements MigrationInterface {
  name = 'UserContactDetails1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email VARCHAR(254)`);
    await q.query(`ALTER TABLE users ADD COLUMN phone VARCHAR(32)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN phone`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
