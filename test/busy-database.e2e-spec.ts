import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseDatabaseUrl } from '@mapwork/persistence';
import { TEST_DIALECT, TestApp, createTestApp } from './support/test-app';
import { World, buildWorld, mappingData, openCase } from './support/world';

/** A site of `n` cases with a few revisions each: an import that holds the write lock for seconds. */
function largeCaseFile(n: number) {
  const revisions = (i: number) =>
    [0, 1, 2].map((v) => ({ at: `2019-0${v + 1}-0${(i % 9) + 1}T10:00:00Z`, by: 'sw-1', reason: v ? 'reviewed' : null, data: mappingData({ existingSafety: [{ text: `case ${i}, version ${v}` }] }) }));
  return {
    format: 'sofs-casefile/1',
    exportedAt: '2020-03-31T12:00:00Z',
    site: { code: 'BULK', name: 'Imported site' },
    cases: Array.from({ length: n }, (_, i) => ({
      ref: `BULK-${String(i).padStart(5, '0')}`,
      team: 'Team Z',
      worker: 'sw-1',
      stage: 'child_protection',
      openedOn: '2018-12-01',
      researchConsent: true,
      people: [{ id: 'p1', role: 'parent', name: `Parent ${i}` }],
      records: [{ type: 'mapping', id: 'm1', revisions: revisions(i) }],
    })),
  };
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
}

/**
 * A command-line import in another process holds the database's write lock for the
 * whole file. Meanwhile the API must make requests wait (SQLite's busy timeout, on
 * transactions that take the lock before their first read), never answer 500; and when
 * the wait runs out, answer 503 with Retry-After.
 */
describe(`the API while another process imports (e2e, ${TEST_DIALECT})`, () => {
  let t: TestApp;
  let w: World;
  let dir: string;

  beforeAll(async () => {
    // long enough for the import on a slow machine: what is tested is that requests wait, not for how long
    t = await createTestApp({ settings: { SQLITE_BUSY_TIMEOUT_MS: '120000' } });
    w = await buildWorld(t);
    dir = mkdtempSync(join(tmpdir(), 'mapwork-busy-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves reads and writes during a command-line import: they wait, none fails', async () => {
    const caseId = await openCase(t, w);
    const base = `/api/v1/cases/${caseId}`;
    await t.http().post(`${base}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData() }).expect(201);
    const file = join(dir, 'bulk.casefile.json');
    writeFileSync(file, JSON.stringify(largeCaseFile(400)));

    // a second connection that only asks whether another holds the write lock, without waiting
    const probe = TEST_DIALECT === 'sqlite' ? new Database(parseDatabaseUrl(t.databaseUrl).target, { timeout: 0 }) : null;
    const locked = () => {
      if (!probe) return false;
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
        return true;
      }
    };

    const child = spawn(process.execPath, [join(__dirname, 'support', 'cli-process.js'), 'import', file, '--database-url', t.databaseUrl], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c));
    child.stderr!.on('data', (c: Buffer) => (output += c));
    let running = true;
    const done = exited(child).then((code) => {
      running = false;
      return code;
    });

    const statuses: number[] = [];
    let version = 1;
    const batch = async () => {
      const answers = await Promise.all([
        t.http().get(base).set(w.worker.auth),
        t.http().get('/api/v1/cases').set(w.manager.auth),
        t.http().put(`${base}/mappings/m1`).set(w.worker.auth).send({ version, data: mappingData({ existingSafety: [{ text: `edit ${version}` }] }) }),
      ]);
      if (answers[2].status === 200) version = answers[2].body.version;
      statuses.push(...answers.map((r) => r.status));
    };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await batch();
    // waiting is synchronous on SQLite, so the lock is looked for between requests, not during them
    let underLock = 0;
    while (probe && running && !underLock) {
      if (locked()) {
        underLock++;
        await batch();
      } else await pause(5);
    }
    while (running) {
      await batch();
      await pause(50);
    }
    await batch();
    probe?.close();
    expect({ code: await done, output: output.slice(-500) }).toEqual({ code: 0, output: expect.stringContaining('BULK') });
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // the import really held the lock while the API was asked
    if (probe) expect(underLock).toBe(1);
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM cases WHERE site_code = 'BULK'`);
    expect(Number(n)).toBe(400);
    const history = await t.http().get(`${base}/mappings/m1/history`).set(w.worker.auth).expect(200);
    expect(history.body.total).toBe(version);
  }, 240_000);

  (TEST_DIALECT === 'sqlite' ? it : it.skip)('answers 503 with Retry-After when the lock is held longer than requests may wait', async () => {
    const impatient = await createTestApp({ settings: { SQLITE_BUSY_TIMEOUT_MS: '100' } });
    try {
      const users = await buildWorld(impatient);
      const caseId = await openCase(impatient, users);
      const holder = new Database(parseDatabaseUrl(impatient.databaseUrl).target);
      holder.exec('BEGIN IMMEDIATE');
      try {
        for (const req of [
          impatient.http().put(`/api/v1/cases/${caseId}`).set(users.worker.auth).send({ version: 1, ref: 'S1-0001', team: 'Team A', stage: 'child_in_need', openedOn: '2020-01-02' }),
          impatient.http().get(`/api/v1/cases/${caseId}`).set(users.worker.auth),
        ]) {
          const res = await req;
          expect({ status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'] }).toEqual({ status: 503, code: 'DATABASE_BUSY', retryAfter: '5' });
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      await impatient.http().put(`/api/v1/cases/${caseId}`).set(users.worker.auth).send({ version: 1, ref: 'S1-0001', team: 'Team A', stage: 'child_in_need', openedOn: '2020-01-02' }).expect(200);
    } finally {
      await impatient.close();
    }
  });
});
