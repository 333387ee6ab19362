import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hashPassword } from '@mapwork/auth';
import { canonicalJson } from '@mapwork/kernel';
import { IntegrityKeys, MIGRATIONS, dataSourceOptions } from '@mapwork/persistence';
import { revisionHash } from '@mapwork/revisions';
import { cli } from './support/cli';
import { TEST_DIALECT, TestApp, TestDatabase, createTestApp, freshDatabase } from './support/test-app';
import { World, buildWorld, caseWithHistory, mappingData, safetyPlanData } from './support/world';

/** What someone with database rights can do: switch off the append-only triggers. */
async function unprotect(t: TestApp, tables: string[]) {
  for (const table of tables) {
    if (TEST_DIALECT === 'postgres') await t.dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    else for (const op of ['update', 'delete']) await t.dataSource.query(`DROP TRIGGER IF EXISTS ${table}_no_${op}`);
  }
}

const lit = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);

interface Scenario {
  t: TestApp;
  w: World;
  caseId: string;
  base: string;
  q: (sql: string) => Promise<Array<Record<string, unknown>>>;
  verify: () => Promise<{ ok: boolean; findings: Array<Record<string, unknown>>; [k: string]: unknown }>;
  checkpoint: () => Promise<{ n: number }>;
}

/** A server with a case: mapping m1 at version 4, safety plan sp1 at version 1. */
async function scenario(options: Parameters<typeof createTestApp>[0] = {}): Promise<Scenario> {
  const t = await createTestApp(options);
  const w = await buildWorld(t);
  const caseId = await caseWithHistory(t, w);
  const base = `/api/v1/cases/${caseId}`;
  await t.http().get(base).set(w.manager.auth).expect(200);
  return {
    t,
    w,
    caseId,
    base,
    q: (sql) => t.dataSource.query(sql),
    verify: async () => (await t.http().get('/api/v1/admin/integrity').set(w.admin.auth).expect(200)).body,
    checkpoint: async () => (await t.http().post('/api/v1/admin/integrity/checkpoints').set(w.admin.auth).expect(201)).body,
  };
}

/** Rewrites a revision's state and recomputes the SHA chain from there on, as an attacker without the key can. */
async function rewriteAndRehash(s: Scenario, entityId: string, version: number, edit: (state: string) => string) {
  await unprotect(s.t, ['revisions']);
  const rows = await s.q(`SELECT * FROM revisions WHERE case_id = '${s.caseId}' AND entity_id = ${lit(entityId)} ORDER BY version`);
  let prev: string | null = null;
  for (const row of rows) {
    let state = row.state as string | null;
    if (Number(row.version) === version) state = edit(state!);
    const hash = revisionHash(prev, state === null ? null : JSON.parse(state), {
      entityType: row.entity_type as string,
      caseId: row.case_id as string,
      entityId: row.entity_id as string,
      version: Number(row.version),
      at: row.at as string,
      actor: row.actor as string,
      reason: row.reason as string | null,
      sourceActor: row.source_actor as string | null,
    });
    await s.q(`UPDATE revisions SET state = ${lit(state)}, prev_hash = ${lit(prev)}, hash = '${hash}' WHERE seq = ${row.seq}`);
    prev = hash;
  }
}

/** A copy of the whole database, and putting it back (a rollback to an older copy). */
async function snapshot(db: TestDatabase): Promise<() => Promise<void>> {
  if (TEST_DIALECT === 'postgres') {
    const admin = process.env.MAPWORK_TEST_PG_URL!;
    const name = db.url.slice(db.url.lastIndexOf('/') + 1);
    const copy = `${name}_snap`;
    const run = async (sql: string) => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await run(`CREATE DATABASE ${copy} TEMPLATE ${name}`);
    return async () => {
      await run(`DROP DATABASE ${name} WITH (FORCE)`);
      await run(`CREATE DATABASE ${name} TEMPLATE ${copy}`);
      await run(`DROP DATABASE ${copy}`);
    };
  }
  const file = db.url.slice('sqlite:'.length);
  const dir = mkdtempSync(join(tmpdir(), 'mapwork-snap-'));
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) copyFileSync(file + suffix, join(dir, `db${suffix}`));
  return async () => {
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(file + suffix, { force: true });
      if (existsSync(join(dir, `db${suffix}`))) copyFileSync(join(dir, `db${suffix}`), file + suffix);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

const finding = (o: Record<string, unknown>) => expect.objectContaining(o);

describe('tamper evidence against someone with database rights (e2e)', () => {
  const open: TestApp[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close().catch(() => undefined);
  });
  const fresh = async (options?: Parameters<typeof createTestApp>[0]) => {
    const s = await scenario(options);
    open.push(s.t);
    return s;
  };

  it('verifies normal use clean: chains, MACs, heads, current state, access log, checkpoints, through the API and the CLI', async () => {
    const s = await fresh();
    await s.checkpoint();
    const report = await s.verify();
    expect(report).toMatchObject({ ok: true, findings: [], seal: { legacyRevisions: 0 }, checkpoints: { inFile: 2, inDatabase: 2 } });
    expect(report.currentState).toEqual({ tables: expect.arrayContaining(['cases', 'people', 'case_records', 'scoring_sheets', 'case_audits']) });
    expect((report.accessLog as { entries: number }).entries).toBeGreaterThan(5);
    const macs = await s.q(`SELECT COUNT(*) AS c FROM revisions WHERE mac IS NULL`);
    expect(Number(macs[0].c)).toBe(0);
    const res = await cli(['verify', '--json', '--database-url', s.t.databaseUrl]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ ok: true, findings: [], revisions: report.revisions });
  });

  it('finds a rewritten revision even with the whole SHA-256 chain recomputed (its MAC), and a MAC stripped after the seal', async () => {
    const s = await fresh();
    await rewriteAndRehash(s, 'm1', 2, (state) => state.replace('edit 1', 'nothing happened'));
    expect((await s.verify()).findings).toEqual([
      finding({ area: 'revisions', problem: 'mac_mismatch', entityType: 'mapping', entityId: 'm1', caseId: s.caseId, version: 2 }),
      finding({ area: 'heads', problem: 'head_hash_mismatch', entityId: 'm1', version: 4 }),
    ]);
    await s.q(`UPDATE revisions SET mac = NULL, key_id = NULL WHERE entity_id = 'm1'`);
    expect((await s.verify()).findings[0]).toMatchObject({ problem: 'mac_missing', entityId: 'm1', version: 1 });
  });

  it("finds a record's newest revisions deleted, even with its current row put back to match", async () => {
    const s = await fresh();
    await unprotect(s.t, ['revisions']);
    const v2 = (await s.q(`SELECT state FROM revisions WHERE entity_id = 'm1' AND version = 2`))[0].state as string;
    await s.q(`DELETE FROM revisions WHERE entity_id = 'm1' AND version > 2`);
    await s.q(`UPDATE case_records SET data = ${lit(v2)}, version = 2 WHERE record_id = 'm1'`);
    expect((await s.verify()).findings).toEqual([finding({ area: 'heads', problem: 'newest_revisions_missing', entityId: 'm1', version: 3 })]);
  });

  it('finds a whole history deleted (revisions, head and current row) against the last checkpoint, and a whole case', async () => {
    const s = await fresh();
    await s.checkpoint();
    await unprotect(s.t, ['revisions']);
    await s.q(`DELETE FROM revisions WHERE entity_id = 'sp1'`);
    await s.q(`DELETE FROM integrity_heads WHERE entity_id = 'sp1'`);
    await s.q(`DELETE FROM case_records WHERE record_id = 'sp1'`);
    expect((await s.verify()).findings).toEqual([
      finding({ area: 'revisions', problem: 'revisions_missing', caseId: s.caseId, checkpoint: 2 }),
      finding({ area: 'revisions', problem: 'revisions_missing', checkpoint: 2, detail: expect.stringMatching(/recorded \d+ revisions up to #\d+; the database has \d+/) }),
    ]);
    // the whole case: every history, head and row
    for (const table of ['case_records', 'people']) await s.q(`DELETE FROM ${table} WHERE case_id = '${s.caseId}'`);
    await s.q(`DELETE FROM revisions WHERE case_id = '${s.caseId}'`);
    await s.q(`DELETE FROM integrity_heads WHERE case_id = '${s.caseId}'`);
    await s.q(`DELETE FROM cases WHERE id = '${s.caseId}'`);
    expect((await s.verify()).findings).toEqual(expect.arrayContaining([finding({ area: 'revisions', problem: 'case_history_deleted', caseId: s.caseId })]));
  });

  it('cannot see a history that was created and then deleted whole between two checkpoints (the documented window)', async () => {
    const s = await fresh();
    await s.checkpoint();
    await s.t.http().post(`${s.base}/safety-plans`).set(s.w.worker.auth).send({ id: 'sp2', data: safetyPlanData() }).expect(201);
    await unprotect(s.t, ['revisions']);
    await s.q(`DELETE FROM revisions WHERE entity_id = 'sp2'`);
    await s.q(`DELETE FROM integrity_heads WHERE entity_id = 'sp2'`);
    await s.q(`DELETE FROM case_records WHERE record_id = 'sp2'`);
    expect((await s.verify()).findings).toEqual([]);
  });

  it('finds edited current-state rows (which users are served until repaired): state, version, and a case field', async () => {
    const s = await fresh();
    await s.q(`UPDATE case_records SET data = replace(data, 'edit 3', 'all is well') WHERE record_id = 'm1'`);
    const served = await s.t.http().get(`${s.base}/mappings/m1`).set(s.w.worker.auth).expect(200);
    expect(JSON.stringify(served.body)).toContain('all is well');
    await s.q(`UPDATE case_records SET version = 7 WHERE record_id = 'sp1'`);
    await s.q(`UPDATE cases SET stage = 'closed' WHERE id = '${s.caseId}'`);
    expect((await s.verify()).findings).toEqual([
      finding({ area: 'current_state', problem: 'current_state_mismatch', entityType: 'case', caseId: s.caseId }),
      finding({ area: 'current_state', problem: 'current_state_mismatch', entityType: 'mapping', entityId: 'm1', version: 4 }),
      finding({ area: 'current_state', problem: 'current_version_mismatch', entityType: 'safety_plan', entityId: 'sp1', version: 7 }),
    ]);
  });

  it('finds access-log entries edited, deleted from the middle of a segment, and cut from its end after a checkpoint', async () => {
    const s = await fresh();
    for (let i = 0; i < 3; i++) await s.t.http().get(s.base).set(s.w.worker.auth).expect(200);
    await s.checkpoint();
    await unprotect(s.t, ['case_access_log']);
    const [tail] = await s.q(`SELECT segment_id, MAX(segment_n) AS n FROM case_access_log WHERE segment_id IS NOT NULL GROUP BY segment_id ORDER BY MAX(segment_n) DESC`);
    const segment = tail.segment_id as string;
    const [third] = await s.q(`SELECT user_id FROM case_access_log WHERE segment_id = '${segment}' AND segment_n = 3`);
    await s.q(`UPDATE case_access_log SET user_id = '${s.w.colleague.id}' WHERE segment_id = '${segment}' AND segment_n = 3`);
    await s.q(`DELETE FROM case_access_log WHERE segment_id = '${segment}' AND segment_n = 6`);
    const report = await s.verify();
    expect(report.findings).toEqual([finding({ area: 'access_log', problem: 'access_hash_mismatch', segment, position: 3 })]);

    // put the edit back; now the deletion shows, and cutting the segment's end is caught by the checkpoint's head
    await s.q(`UPDATE case_access_log SET user_id = ${lit(third.user_id as string | null)} WHERE segment_id = '${segment}' AND segment_n = 3`);
    expect((await s.verify()).findings).toEqual([finding({ area: 'access_log', problem: 'access_entries_missing', segment, position: 7 })]);
    await s.q(`DELETE FROM case_access_log WHERE segment_id = '${segment}' AND segment_n >= 6`);
    const cut = await cli(['verify', '--json', '--database-url', s.t.databaseUrl]);
    expect(JSON.parse(cut.out).findings).toEqual([finding({ area: 'access_log', problem: 'access_entries_missing', segment, position: 6, detail: expect.stringMatching(/checkpoint \d+ recorded this segment up to entry \d+; the database has 5/) })]);
  });

  it('finds the database rolled back to an older copy, by the checkpoints kept outside it', async () => {
    const db = await freshDatabase();
    const first = await scenario({ database: db });
    await first.checkpoint();
    await first.t.close();
    const restore = await snapshot(db);
    const second = await createTestApp({ database: db });
    await second.http().put(`${first.base}/mappings/m1`).set(first.w.worker.auth).send({ version: 4, data: mappingData({ harm: [] }) }).expect(200);
    await second.http().post('/api/v1/admin/integrity/checkpoints').set(first.w.admin.auth).expect(201);
    await second.close();
    await restore();
    const third = await createTestApp({ database: db });
    open.push({ ...third, close: async () => (await third.close(), await db.drop()) });
    const report = (await third.http().get('/api/v1/admin/integrity').set(first.w.admin.auth).expect(200)).body;
    expect(report.findings).toEqual(
      expect.arrayContaining([
        finding({ area: 'checkpoints', problem: 'database_behind_checkpoint' }),
        finding({ area: 'revisions', problem: 'revisions_missing', caseId: first.caseId }),
        finding({ area: 'access_log', problem: 'access_segment_deleted' }),
      ]),
    );
  });

  it('finds the checkpoint file edited or cut', async () => {
    const s = await fresh();
    await s.checkpoint();
    await s.checkpoint();
    const file = (await s.verify()).checkpoints as { file: string };
    const lines = readFileSync(file.file, 'utf8').trim().split('\n');
    const edited = JSON.parse(lines[1]);
    edited.revisions.count += 1;
    writeFileSync(file.file, [lines[0], JSON.stringify(edited), lines[2]].join('\n') + '\n');
    expect((await s.verify()).findings).toEqual([finding({ area: 'checkpoints', problem: 'checkpoint_hash_mismatch', checkpoint: 2 })]);
    writeFileSync(file.file, [lines[0], lines[1]].join('\n') + '\n');
    expect((await s.verify()).findings).toEqual([finding({ area: 'checkpoints', problem: 'checkpoint_missing_from_file', checkpoint: 3 })]);
  });

  it('keeps a database written before the upgrade verifying, with its hashes unchanged, and seals it so later edits show', async () => {
    const db = await freshDatabase();
    const written = await legacyDatabase(db);
    const t = await createTestApp({ database: db });
    open.push({ ...t, close: async () => (await t.close(), await db.drop()) });
    const q = (sql: string) => t.dataSource.query(sql);
    const rows: Array<{ hash: string; mac: string | null }> = await q('SELECT hash, mac FROM revisions ORDER BY seq');
    expect(rows.map((r) => r.hash)).toEqual(written.hashes);
    expect(rows.every((r) => r.mac === null)).toBe(true);
    const sign = await t.http().post('/api/v1/auth/sign-in').send({ username: 'legacy.worker', password: 'correct horse battery staple' }).expect(200);
    const auth = { Authorization: `Bearer ${sign.body.token}` };
    const admin = await t.http().post('/api/v1/auth/sign-in').send({ username: 'legacy.admin', password: 'correct horse battery staple' }).expect(200);
    const verify = async () => (await t.http().get('/api/v1/admin/integrity').set({ Authorization: `Bearer ${admin.body.token}` }).expect(200)).body;
    expect(await verify()).toMatchObject({ ok: true, findings: [], seal: { legacyRevisions: written.hashes.length, legacyAccessEntries: 1 } });
    // new revisions on the legacy chain are MACed; the chain stays whole
    const m1 = await t.http().get(`/api/v1/cases/${written.caseId}/mappings/m1`).set(auth).expect(200);
    await t.http().put(`/api/v1/cases/${written.caseId}/mappings/m1`).set(auth).send({ version: m1.body.version, data: { ...m1.body.data, harm: [] } }).expect(200);
    expect(await verify()).toMatchObject({ ok: true, findings: [] });
    // a legacy revision rewritten with its chain recomputed: the head signed at the seal gives it away
    await unprotect(t, ['revisions', 'case_access_log']);
    const person = (await q(`SELECT * FROM revisions WHERE entity_type = 'person'`))[0];
    const forged = JSON.stringify({ ...JSON.parse(person.state), name: 'Someone Else' });
    const hash = revisionHash(null, JSON.parse(forged), { entityType: 'person', caseId: person.case_id, entityId: person.entity_id, version: 1, at: person.at, actor: person.actor, reason: person.reason });
    await q(`UPDATE revisions SET state = ${lit(forged)}, hash = '${hash}' WHERE seq = ${person.seq}`);
    await q(`DELETE FROM case_access_log WHERE segment_id IS NULL`);
    expect((await verify()).findings).toEqual([
      finding({ area: 'heads', problem: 'head_hash_mismatch', entityType: 'person', entityId: 'c1' }),
      finding({ area: 'current_state', problem: 'current_state_mismatch', entityType: 'person', entityId: 'c1' }),
      finding({ area: 'access_log', problem: 'legacy_entries_changed' }),
    ]);
  });

  it('rotates the integrity key: new MACs under the new key, older ones still verify with the retired key kept', async () => {
    const s = await fresh();
    const keys = s.t.app.get(IntegrityKeys);
    const before = keys.ring().current.id;
    const rotated = await cli(['integrity', 'rotate-key', '--database-url', s.t.databaseUrl]);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/new current key k[0-9a-f]{8}/);
    keys.refresh();
    expect(keys.ring().current.id).not.toBe(before);
    expect(keys.ring().keys.map((k) => k.id)).toContain(before);
    await s.t.http().put(`${s.base}/mappings/m1`).set(s.w.worker.auth).send({ version: 4, data: mappingData({ harm: [] }) }).expect(200);
    const ids = await s.q(`SELECT DISTINCT key_id FROM revisions`);
    expect(ids.map((r) => r.key_id).sort()).toEqual([before, keys.ring().current.id].sort());
    expect(await s.verify()).toMatchObject({ ok: true, findings: [] });

    // without the retired key, what it MACed can no longer be vouched for
    const file = keys.path;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.split('\n').filter((l) => !l.startsWith(before)).join('\n'));
    const res = await cli(['verify', '--json', '--database-url', s.t.databaseUrl]);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.out).findings).toEqual(expect.arrayContaining([finding({ problem: 'unknown_key', entityId: 'm1', version: 1 })]));
    writeFileSync(file, text);
  });

  it('refuses to start, with a clear message, when the key file is missing but the database is sealed', async () => {
    const db = await freshDatabase();
    const first = await createTestApp({ database: db });
    await first.close();
    const missing = join(mkdtempSync(join(tmpdir(), 'mapwork-nokey-')), 'integrity.key');
    await expect(createTestApp({ database: db, settings: { INTEGRITY_KEY_FILE: missing } })).rejects.toThrow(/integrity key file .*integrity\.key is missing, but the database holds a seal record.*will not start/);
    expect(existsSync(missing)).toBe(false);
    const saved = process.env.INTEGRITY_KEY_FILE;
    process.env.INTEGRITY_KEY_FILE = missing;
    try {
      const res = await cli(['verify', '--database-url', db.url]);
      expect(res.code).toBe(2);
      expect(res.err).toMatch(/integrity key file .* is missing/);
    } finally {
      process.env.INTEGRITY_KEY_FILE = saved;
      await db.drop();
    }
  });

  it('keeps every chain whole with two servers writing and logging on one database at once', async () => {
    const db = await freshDatabase();
    const a = await scenario({ database: db });
    const b = await createTestApp({ database: db });
    const servers = [a.t, b];
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 24; i++) {
      const server = servers[i % 2];
      work.push(server.http().get(a.base).set(a.w.manager.auth).expect(200));
      work.push(server.http().get(`${a.base}/mappings/m1/history`).set(a.w.worker.auth).expect(200));
    }
    // competing writers on one record: exactly one wins each round
    for (let round = 0; round < 4; round++) {
      const version = 4 + round;
      const results = await Promise.all(servers.map((server, i) => server.http().put(`${a.base}/mappings/m1`).set(a.w.worker.auth).send({ version, data: mappingData({ harm: [{ text: `round ${round} by ${i}` }] }) })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
    await Promise.all(work);
    await b.http().post('/api/v1/admin/integrity/checkpoints').set(a.w.admin.auth).expect(201);
    await a.checkpoint();
    await b.close();
    open.push({ ...a.t, close: async () => (await a.t.close(), await db.drop()) });
    const report = await a.verify();
    expect(report).toMatchObject({ ok: true, findings: [] });
    expect((report.accessLog as { segments: number }).segments).toBeGreaterThanOrEqual(2);
  });
});

/**
 * A database as the code before the integrity key wrote it: the schema of the earlier
 * migrations, a case with a person and a mapping whose revisions are hashed by the
 * original rule (computed here independently), and an access-log entry.
 */
async function legacyDatabase(db: TestDatabase): Promise<{ caseId: string; hashes: string[] }> {
  const ds = new DataSource({ ...dataSourceOptions({ databaseUrl: db.url, migrationsRun: false, busyTimeoutMs: 30_000 }), migrations: MIGRATIONS.slice(0, 5) } as never);
  await ds.initialize();
  await ds.runMigrations();
  const q = (sql: string) => ds.query(sql);
  const sha = (prev: string | null, state: unknown, meta: Record<string, unknown>) => createHash('sha256').update(canonicalJson({ prev, state, meta }), 'utf8').digest('hex');
  const password = await hashPassword('correct horse battery staple');
  const team = '11111111-1111-4111-8111-111111111111';
  const worker = '22222222-2222-4222-8222-222222222222';
  const caseId = '33333333-3333-4333-8333-333333333333';
  await q(`INSERT INTO sites (code, name) VALUES ('OLD', 'Old site')`);
  await q(`INSERT INTO teams (id, site_code, name) VALUES ('${team}', 'OLD', 'Team')`);
  for (const [id, username, role] of [[worker, 'legacy.worker', 'social_worker'], ['44444444-4444-4444-8444-444444444444', 'legacy.admin', 'admin']]) {
    await q(`INSERT INTO users (id, username, display_name, role, password_hash, disabled, created_at) VALUES ('${id}', '${username}', '${username}', '${role}', '${password}', false, '2019-01-01T00:00:00.000Z')`);
  }
  await q(`INSERT INTO team_memberships (user_id, team_id) VALUES ('${worker}', '${team}')`);
  const caseState = { ref: 'OLD-1', site: 'OLD', team: 'Team', worker, stage: 'assessment', openedOn: '2019-01-02', closedOn: null, researchConsent: false };
  const person = { id: 'c1', role: 'child', name: 'Ellie Carter', birthDate: '2013-06-14', relationship: null };
  // people of the case only: the mapping names nobody but the child
  const mapping = (harm: string) => ({
    ...mappingData({ harm: [{ text: harm }] }),
    participants: [{ role: 'professional', label: 'social worker' }],
    scaleRatings: [{ raterRole: 'professional', score: 3, reason: 'no plan yet' }],
  });
  const histories: Array<{ type: string; id: string; states: unknown[] }> = [
    { type: 'case', id: caseId, states: [caseState] },
    { type: 'person', id: 'c1', states: [person] },
    { type: 'mapping', id: 'm1', states: [mapping('first'), mapping('second'), mapping('third')] },
  ];
  const hashes: string[] = [];
  let minute = 0;
  for (const h of histories) {
    let prev: string | null = null;
    for (const [i, state] of h.states.entries()) {
      const at = new Date(Date.UTC(2019, 0, 2, 9, minute++)).toISOString();
      const meta = { entityType: h.type, caseId, entityId: h.id, version: i + 1, at, actor: worker, reason: null };
      const hash = sha(prev, state, meta);
      await q(`INSERT INTO revisions (entity_type, case_id, entity_id, version, at, actor, reason, state, prev_hash, hash)
        VALUES ('${h.type}', '${caseId}', '${h.id}', ${i + 1}, '${at}', '${worker}', NULL, ${lit(canonicalJson(state))}, ${lit(prev)}, '${hash}')`);
      hashes.push(hash);
      prev = hash;
    }
  }
  await q(`INSERT INTO cases (id, site_code, ref, team_id, worker, stage, opened_on, closed_on, research_consent, version, deleted)
    VALUES ('${caseId}', 'OLD', 'OLD-1', '${team}', '${worker}', 'assessment', '2019-01-02', NULL, false, 1, false)`);
  await q(`INSERT INTO people (case_id, person_id, role, name, birth_date, relationship, version, deleted) VALUES ('${caseId}', 'c1', 'child', 'Ellie Carter', '2013-06-14', NULL, 1, false)`);
  await q(`INSERT INTO case_records (case_id, record_id, type, data, version, deleted) VALUES ('${caseId}', 'm1', 'mapping', ${lit(canonicalJson(mapping('third')))}, 3, false)`);
  await q(`INSERT INTO case_access_log (at, user_id, case_id, action, route) VALUES ('2019-01-02T10:00:00.000Z', '${worker}', '${caseId}', 'read', 'GET /api/v1/cases/${caseId}')`);
  await ds.destroy();
  return { caseId, hashes };
}
