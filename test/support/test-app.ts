import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@mapwork/kernel';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/bootstrap';

export type Dialect = 'sqlite' | 'postgres';

/**
 * One integrity key file and checkpoint directory per test process (checkpoint files
 * are named by database, so the apps and CLI runs of a process share them), set in the
 * environment so the in-process CLI finds the same ones as the app.
 */
const integrityDir = mkdtempSync(join(tmpdir(), 'mapwork-integrity-'));
process.env.INTEGRITY_KEY_FILE ??= join(integrityDir, 'integrity.key');
process.env.CHECKPOINT_DIR ??= join(integrityDir, 'checkpoints');
process.once('exit', () => rmSync(integrityDir, { recursive: true, force: true }));

export const TEST_DIALECT: Dialect = process.env.MAPWORK_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database: a temp SQLite file, or a new database in the run's PostgreSQL cluster. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'postgres') {
    const admin = process.env.MAPWORK_TEST_PG_URL;
    if (!admin) throw new Error('MAPWORK_TEST_PG_URL is not set: run through jest so the global setup starts PostgreSQL');
    const name = `mapwork_${randomBytes(6).toString('hex')}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = admin.replace(/\/[^/]*$/, `/${name}`);
    return {
      url,
      async drop() {
        const c = new Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mapwork-test-'));
  return { url: `sqlite:${join(dir, 'mapwork.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestApp {
  app: INestApplication;
  clock: FixedClock;
  dataSource: DataSource;
  databaseUrl: string;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * The real server (same modules, pipes, filters and OpenAPI as `npm start`) on a fresh
 * database (or the one given, which `close` then leaves), with a settable clock;
 * `settings` override environment variables.
 */
export async function createTestApp(options: { start?: string; database?: TestDatabase; settings?: Record<string, string> } = {}): Promise<TestApp> {
  const db = options.database ? { url: options.database.url, drop: async () => undefined } : await freshDatabase();
  const clock = new FixedClock(options.start ?? '2020-01-06T09:00:00.000Z');
  // tests move the clock by days: credentials last a week unless a test says otherwise
  const week = String(7 * 24 * 60);
  const settings = { TOKEN_TTL_MINUTES: week, SESSION_TTL_MINUTES: week, IDLE_TIMEOUT_MINUTES: week, ...options.settings, DATABASE_URL: db.url };
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(settings)],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureApp(app);
  await app.init();
  return {
    app,
    clock,
    dataSource: app.get(DataSource),
    databaseUrl: db.url,
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
