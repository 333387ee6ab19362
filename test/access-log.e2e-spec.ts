import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRepoRoot } from '@mapwork/kernel';
import { cli } from './support/cli';
import { TestApp, createTestApp } from './support/test-app';
import { World, buildWorld, openCase } from './support/world';

type Entry = { seq: number; at: string; userId: string | null; event: string; outcome: string; interface: string; address: string | null; route: string; caseId: string | null; caseCount: number; cases: string[]; detail: string | null };

const P1 = readFileSync(fromRepoRoot('seeds/demo/P1.casefile.json'), 'utf8');

describe('the access log: who did what, from where, with what outcome, to which cases (e2e)', () => {
  let t: TestApp;
  let w: World;
  let caseId: string;
  let p1Cases: Array<{ id: string; ref: string }>;
  let p1Team: string;

  const log = async (query: string): Promise<Entry[]> => (await t.http().get(`/api/v1/admin/access-log?pageSize=200&${query}`).set(w.admin.auth).expect(200)).body.items;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    caseId = await openCase(t, w);
    await t.http().post('/api/v1/imports').set(w.admin.auth).set('content-type', 'application/json').send(P1).expect(200);
    p1Team = (await t.http().get('/api/v1/admin/teams').set(w.admin.auth).expect(200)).body.find((x: { site: string }) => x.site === 'P1').id;
    await t.http().patch(`/api/v1/admin/users/${w.manager.id}`).set(w.admin.auth).send({ teamIds: [w.teamA.id, p1Team] }).expect(200);
    p1Cases = (await t.http().get('/api/v1/cases?site=P1').set(w.manager.auth).expect(200)).body.items;
  });
  afterAll(() => t.close());

  it('logs sign-ins, successful and failed, with the user where known, the address and the interface', async () => {
    await t.http().post('/api/v1/auth/sign-in').send({ username: 'worker', password: 'not the password at all' }).expect(401);
    await t.http().post('/api/v1/auth/sign-in').send({ username: 'nobody', password: 'not the password at all' }).expect(401);
    const failures = await log('event=sign-in.failure');
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: w.worker.id, outcome: 'failed', interface: 'api', detail: 'wrong password: worker', route: 'POST /api/v1/auth/sign-in', address: expect.stringMatching(/127\.0\.0\.1|::1/) }),
        expect.objectContaining({ userId: null, outcome: 'failed', detail: 'unknown username: nobody' }),
      ]),
    );
    expect(await log(`event=sign-in.success&userId=${w.worker.id}`)).toEqual([expect.objectContaining({ outcome: 'ok' })]);
  });

  it('logs refusals: a role refused, a case of another team (answered as missing), and requests without a valid token', async () => {
    await t.http().get(`/api/v1/cases/${caseId}`).set(w.admin.auth).expect(403);
    await t.http().get(`/api/v1/cases/${caseId}`).set(w.outsider.auth).expect(404);
    await t.http().put(`/api/v1/cases/${caseId}`).set(w.outsider.auth).send({ version: 1, ref: 'S1-0001', team: 'Team B', stage: 'child_protection', openedOn: '2020-01-02' }).expect(404);
    await t.http().get('/api/v1/cases').expect(401);
    await t.http().get('/api/v1/cases').set({ Authorization: 'Bearer mw_forged' }).expect(401);
    const refused = await log('event=refusal&outcome=refused');
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: w.admin.id, detail: expect.stringMatching(/role admin/), route: `GET /api/v1/cases/${caseId}` }),
        expect.objectContaining({ userId: w.outsider.id, caseId, cases: [caseId], route: `GET /api/v1/cases/${caseId}` }),
        expect.objectContaining({ userId: w.outsider.id, caseId, route: `PUT /api/v1/cases/${caseId}`, detail: expect.stringMatching(/write of a case outside/) }),
        expect.objectContaining({ userId: null, detail: 'no bearer token' }),
        expect.objectContaining({ userId: null, detail: expect.stringMatching(/token is unknown/) }),
      ]),
    );
    // the refused write left no revision, but its refusal stays logged
    expect(await log(`caseId=${caseId}&userId=${w.outsider.id}`)).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'refusal' })]));
  });

  it('logs admin actions with what changed and their outcome, never a password', async () => {
    await t.http().patch(`/api/v1/admin/users/${w.colleague.id}`).set(w.admin.auth).send({ role: 'team_manager', password: 'a brand new long password' }).expect(200);
    await t.http().post('/api/v1/admin/users').set(w.admin.auth).send({ username: 'worker', displayName: 'Again', role: 'social_worker', password: 'another long password' }).expect(422);
    const [update] = await log('event=admin.user.update');
    expect(update).toMatchObject({ userId: w.admin.id, outcome: 'ok', detail: `user ${w.colleague.id}: password, role=team_manager` });
    expect(JSON.stringify(await log(`userId=${w.admin.id}`))).not.toMatch(/brand new|another long/);
    expect(await log('event=admin.user.create&outcome=failed')).toEqual([expect.objectContaining({ detail: 'user worker as social_worker' })]);
    await t.http().patch(`/api/v1/admin/users/${w.colleague.id}`).set(w.admin.auth).send({ role: 'social_worker' }).expect(200);
  });

  it('logs imports by the importing user with every case touched, and a rejected import', async () => {
    const [imported] = await log('event=import&outcome=ok');
    expect(imported).toMatchObject({ userId: w.admin.id, caseCount: 6, detail: 'site P1: 6 cases created, 0 merged, 0 unchanged; 51 revisions added' });
    expect(imported.cases.sort()).toEqual(p1Cases.map((c) => c.id).sort());
    expect((await log(`caseId=${p1Cases[2].id}&event=import`)).map((e) => e.seq)).toEqual([imported.seq]);
    await t.http().post('/api/v1/imports').set(w.admin.auth).set('content-type', 'application/json').send('{"format":"nope"}').expect(422);
    expect(await log('event=import&outcome=failed')).toEqual([expect.objectContaining({ userId: w.admin.id, detail: expect.stringMatching(/^rejected: \d+ problems$/) })]);
  });

  it("attributes imported revisions to the importer, keeps the source system's author as data, and round-trips", async () => {
    const c = p1Cases.find((x) => x.ref === 'P1-0001')!;
    const file = JSON.parse(P1);
    const record = file.cases.find((x: { ref: string }) => x.ref === 'P1-0001').records.find((r: { type: string }) => r.type === 'mapping');
    const history = await t.http().get(`/api/v1/cases/${c.id}/mappings/${record.id}/history`).set(w.manager.auth).expect(200);
    const oldest = history.body.items[history.body.items.length - 1];
    expect(oldest).toMatchObject({ by: w.admin.id, source: { by: record.revisions[0].by, at: new Date(record.revisions[0].at).toISOString() } });
    // export names the source's author again, so a second import finds nothing new
    const exported = await t.http().get('/api/v1/exports?site=P1').set(w.manager.auth).expect(200);
    const again = JSON.parse(exported.text);
    expect(again.cases.find((x: { ref: string }) => x.ref === 'P1-0001').records.find((r: { id: string }) => r.id === record.id).revisions[0].by).toBe(record.revisions[0].by);
    const reimport = await t.http().post('/api/v1/imports').set(w.admin.auth).set('content-type', 'application/json').send(exported.text).expect(200);
    expect(reimport.body).toMatchObject({ cases: { created: 0, merged: 0, unchanged: 6 }, revisions: { added: 0 } });
  });

  it('logs case lists, reports, comparisons and agreement with the cases they showed', async () => {
    const list = await t.http().get('/api/v1/cases?site=P1').set(w.manager.auth).expect(200);
    await t.http().get('/api/v1/fidelity?site=P1').set(w.manager.auth).expect(200);
    await t.http().get('/api/v1/fidelity/compare?site=P1&groupBy=worker').set(w.manager.auth).expect(200);
    await t.http().get('/api/v1/evaluation/agreement?site=P1').set(w.evaluator.auth).expect(200);
    const mine = await log(`userId=${w.manager.id}`);
    const ids = p1Cases.map((c) => c.id).sort();
    expect(mine.find((e) => e.event === 'case.list')).toMatchObject({ caseCount: list.body.items.length, route: 'GET /api/v1/cases' });
    expect(mine.find((e) => e.event === 'report.fidelity')!.cases.sort()).toEqual(ids);
    expect(mine.find((e) => e.event === 'report.compare')!.cases.sort()).toEqual(ids);
    expect((await log(`event=evaluation.agreement&userId=${w.evaluator.id}`))[0].cases.sort()).toEqual(ids);
    // a case among many is found by the case filter
    expect((await log(`caseId=${p1Cases[0].id}`)).map((e) => e.event)).toEqual(expect.arrayContaining(['import', 'case.list', 'report.fidelity', 'report.compare', 'evaluation.agreement']));
  });

  it('logs audit round reports and audit history with their cases', async () => {
    const round = await t.http().post('/api/v1/audit-rounds').set(w.manager.auth)
      .send({ name: 'Spring', teamIds: [p1Team], asOf: '2020-03-31T17:00:00Z', sample: { kind: 'named', cases: [{ site: 'P1', ref: 'P1-0001' }] }, dueOn: '2020-04-30' })
      .expect(201);
    const drawn = await t.http().post(`/api/v1/audit-rounds/${round.body.id}/draw`).set(w.manager.auth).expect(200);
    await t.http().get(`/api/v1/audit-rounds/${round.body.id}/report`).set(w.manager.auth).expect(200);
    await t.http().get(`/api/v1/audits/${drawn.body.audits[0].id}/history`).set(w.manager.auth).expect(200);
    const p1_0001 = p1Cases.find((c) => c.ref === 'P1-0001')!.id;
    expect(await log('event=audit.round-report')).toEqual([expect.objectContaining({ userId: w.manager.id, cases: [p1_0001] })]);
    expect(await log('event=audit.history')).toEqual([expect.objectContaining({ userId: w.manager.id, cases: [p1_0001], route: `GET /api/v1/audits/${drawn.body.audits[0].id}/history` })]);
  });

  it('filters by who, case, time, interface, event and outcome, and downloads every match as CSV', async () => {
    t.clock.set('2020-01-07T12:00:00.000Z');
    await t.http().get(`/api/v1/cases/${caseId}`).set(w.worker.auth).expect(200);
    t.clock.set('2020-01-08T12:00:00.000Z');
    await t.http().get(`/api/v1/cases/${caseId}`).set(w.worker.auth).expect(200);
    const day = await log(`from=2020-01-07T00:00:00Z&to=2020-01-07T23:59:59Z&userId=${w.worker.id}`);
    expect(day).toEqual([expect.objectContaining({ event: 'case.read', at: '2020-01-07T12:00:00.000Z', caseId })]);

    const dir = mkdtempSync(join(tmpdir(), 'mapwork-log-'));
    const file = join(dir, 'p7.json');
    writeFileSync(file, readFileSync(fromRepoRoot('seeds/demo/P7.casefile.json')));
    expect((await cli(['import', file, '--database-url', t.databaseUrl])).code).toBe(0);
    expect(await log('interface=cli&event=import')).toEqual([expect.objectContaining({ userId: expect.stringMatching(/^cli:/), caseCount: 8, outcome: 'ok', address: null })]);

    const json = await t.http().get('/api/v1/admin/access-log?outcome=refused&pageSize=1').set(w.admin.auth).expect(200);
    const csv = await t.http().get('/api/v1/admin/access-log?outcome=refused&format=csv').set(w.admin.auth).expect(200).expect('content-type', /text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,user_id,event,outcome,interface,address,route,case_count,cases,detail');
    expect(lines.length - 1).toBe(json.body.total);
    expect(lines.slice(1).every((l) => l.split(',')[4] === 'refused')).toBe(true);
    const bad = await t.http().get('/api/v1/admin/access-log?event=nothing&interface=fax').set(w.admin.auth).expect(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/event', '/interface']);
  });

  it('records the client address, believing X-Forwarded-For only from proxies TRUST_PROXY names', async () => {
    await t.http().get(`/api/v1/cases/${caseId}`).set(w.worker.auth).set('X-Forwarded-For', '203.0.113.7').expect(200);
    const [direct] = await log(`userId=${w.worker.id}&event=case.read`);
    expect(direct.address).not.toBe('203.0.113.7');
    const behind = await createTestApp({ settings: { TRUST_PROXY: 'loopback' } });
    try {
      await behind.http().post('/api/v1/auth/sign-in').set('X-Forwarded-For', '203.0.113.7').send({ username: 'nobody', password: 'whatever it is' }).expect(401);
      const { AccessLogService } = await import('@mapwork/auth');
      const page = await behind.app.get(AccessLogService).list({ event: 'sign-in.failure' }, { page: 1, pageSize: 10 });
      expect(page.items).toEqual([expect.objectContaining({ address: '203.0.113.7' })]);
    } finally {
      await behind.close();
    }
  });

  it('leaves the log, with all of the above, verifiable', async () => {
    const report = await t.http().get('/api/v1/admin/integrity').set(w.admin.auth).expect(200);
    expect(report.body).toMatchObject({ ok: true, findings: [] });
  });
});
