import { cli } from './support/cli';
import { TEST_DIALECT, TestApp, createTestApp } from './support/test-app';
import { World, buildWorld, caseWithHistory } from './support/world';

describe('append-only revisions and chain verification (e2e)', () => {
  let t: TestApp;
  let w: World;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    caseId = await caseWithHistory(t, w);
  });
  afterAll(() => t.close());

  const q = (sql: string) => t.dataSource.query(sql);
  const verifyCli = async () => {
    const res = await cli(['verify', '--json', '--database-url', t.databaseUrl]);
    return { code: res.code, report: JSON.parse(res.out) };
  };

  it('finds every chain intact after normal use', async () => {
    const api = await t.http().get('/api/v1/admin/integrity').set(w.admin.auth).expect(200);
    expect(api.body).toMatchObject({ ok: true, findings: [] });
    expect(api.body.revisions).toBeGreaterThanOrEqual(1 + 5 + 4 + 1);
    const cli = await verifyCli();
    expect(cli.code).toBe(0);
    expect(cli.report).toMatchObject({ ok: true, chains: api.body.chains, revisions: api.body.revisions, findings: [] });
  });

  it('has the database refuse UPDATE and DELETE on revisions', async () => {
    await expect(q(`UPDATE revisions SET reason = 'rewritten' WHERE entity_id = 'm1'`)).rejects.toThrow(/append-only/);
    await expect(q(`DELETE FROM revisions WHERE entity_id = 'm1'`)).rejects.toThrow(/append-only/);
    await expect(q(`UPDATE case_access_log SET user_id = 'someone else'`)).rejects.toThrow(/append-only/);
    if (TEST_DIALECT === 'postgres') await expect(q('TRUNCATE revisions')).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link of a tampered chain, through the CLI and the API; a re-hashed forgery fails its MAC', async () => {
    if (TEST_DIALECT === 'postgres') {
      await q('ALTER TABLE revisions DISABLE TRIGGER revisions_append_only');
    } else {
      await q('DROP TRIGGER revisions_no_update');
    }
    const stateV2 = (await q(`SELECT state FROM revisions WHERE entity_id = 'm1' AND version = 2`))[0].state as string;
    await q(`UPDATE revisions SET state = '${stateV2.replace('edit 1', 'something else entirely').replace(/'/g, "''")}' WHERE entity_id = 'm1' AND version = 2`);

    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.report.ok).toBe(false);
    expect(cli.report.findings).toEqual([
      expect.objectContaining({ area: 'revisions', entityType: 'mapping', entityId: 'm1', caseId, version: 2, problem: 'hash_mismatch' }),
    ]);
    const api = await t.http().get('/api/v1/admin/integrity').set(w.admin.auth).expect(200);
    expect(api.body.findings).toEqual(cli.report.findings);

    // a re-hashed forgery fails its MAC (and would break the link to the next revision)
    const { revisionHash } = await import('@mapwork/revisions');
    const row = (await q(`SELECT * FROM revisions WHERE entity_id = 'm1' AND version = 2`))[0];
    const forged = revisionHash(row.prev_hash, JSON.parse(row.state), {
      entityType: row.entity_type, caseId: row.case_id, entityId: row.entity_id, version: row.version, at: row.at, actor: row.actor, reason: row.reason,
    });
    await q(`UPDATE revisions SET hash = '${forged}' WHERE entity_id = 'm1' AND version = 2`);
    const again = await verifyCli();
    expect(again.report.findings).toEqual([expect.objectContaining({ entityId: 'm1', version: 2, problem: 'mac_mismatch' })]);
  });

  it('exits 2 with a message for a bad database URL', async () => {
    const res = await cli(['verify', '--database-url', 'mysql://nope']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/DATABASE_URL/);
  });
});
