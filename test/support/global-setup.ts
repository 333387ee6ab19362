import { startPostgres } from './postgres';

/**
 * With MAPWORK_TEST_DB=postgres the end-to-end suite runs against a throwaway
 * PostgreSQL cluster started here; each test file makes its own database in it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MAPWORK_TEST_DB !== 'postgres') return;
  const pg = await startPostgres();
  process.env.MAPWORK_TEST_PG_URL = pg.url;
  (globalThis as { __mapworkPg?: { stop(): void } }).__mapworkPg = pg;
}
