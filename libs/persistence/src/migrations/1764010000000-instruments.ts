import { MigrationInterface, QueryRunner } from 'typeorm';

/** Standardised instruments (definitions loaded by admins) and the responses to them. */
export class Instruments1764010000000 implements MigrationInterface {
  name = 'Instruments1764010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE instruments (
      id VARCHAR(64) PRIMARY KEY,
      definition TEXT NOT NULL,
      loaded_at VARCHAR(24) NOT NULL,
      loaded_by VARCHAR(36) NOT NULL
    )`);
    await q.query(`CREATE TABLE instrument_responses (
      id VARCHAR(36) PRIMARY KEY,
      instrument_id VARCHAR(64) NOT NULL REFERENCES instruments(id),
      respondent_kind VARCHAR(32) NOT NULL,
      site_code VARCHAR(64) NOT NULL,
      case_ref VARCHAR(128),
      time_point VARCHAR(8) NOT NULL,
      frame VARCHAR(64),
      answers TEXT NOT NULL,
      submitted_at VARCHAR(24) NOT NULL,
      submitted_by VARCHAR(36) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_instrument_responses_instrument ON instrument_responses (instrument_id, site_code, time_point)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE instrument_responses`);
    await q.query(`DROP TABLE instruments`);
  }
}
