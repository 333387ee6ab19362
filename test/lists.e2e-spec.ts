import { DemoSeeder } from '@mapwork/demo';
import { TestApp, createTestApp } from './support/test-app';

type Auth = { Authorization: string };
type Page<T = Record<string, unknown>> = { items: T[]; total: number; page: number; pageSize: number };

/**
 * On the demo: lists and histories name people (display names beside user ids), the
 * case list can be searched, and every list that can grow comes in pages with a total.
 */
describe('names, search and pages over the demo (e2e)', () => {
  let t: TestApp;
  const auth: Record<string, Auth> = {};
  const ids: Record<string, string> = {};
  let caseId: (ref: string) => Promise<string>;

  beforeAll(async () => {
    t = await createTestApp({ start: '2020-04-20T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    for (const u of ['morgan.manager', 'sam.worker', 'tariq.hussain', 'eve.evaluator', 'admin', 'alex.manager']) {
      const res = await t.http().post('/api/v1/auth/sign-in').send({ username: u, password }).expect(200);
      auth[u] = { Authorization: `Bearer ${res.body.token}` };
      ids[u] = res.body.user.id;
    }
    caseId = async (ref) => (await t.http().get(`/api/v1/cases?ref=${ref}`).set(auth['morgan.manager']).expect(200)).body.items[0].id;
  });
  afterAll(() => t.close());

  /** Every page of a list at `pageSize`, checking each page's total and number. */
  async function walk(path: string, who: Auth, pageSize: number): Promise<{ items: Array<Record<string, unknown>>; total: number }> {
    const items: Array<Record<string, unknown>> = [];
    let total = -1;
    for (let page = 1; ; page++) {
      const res = await t.http().get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`).set(who).expect(200);
      const body = res.body as Page;
      if (total === -1) total = body.total;
      expect({ path, page, total: body.total, pageSize: body.pageSize, n: body.items.length <= pageSize }).toEqual({ path, page, total, pageSize, n: true });
      if (!body.items.length) break;
      items.push(...body.items);
    }
    return { items, total };
  }

  /** Small pages put together give exactly the one big page: same order, no repeats, no gaps. */
  async function expectStablePages(path: string, who: Auth, key: (x: Record<string, unknown>) => string, pageSize = 2) {
    const whole = (await t.http().get(`${path}${path.includes('?') ? '&' : '?'}pageSize=200`).set(who).expect(200)).body as Page;
    expect(whole.total).toBe(whole.items.length);
    expect(whole.total).toBeGreaterThan(pageSize);
    const walked = await walk(path, who, pageSize);
    expect(walked.total).toBe(whole.total);
    expect(walked.items.map(key)).toEqual(whole.items.map(key));
    expect(new Set(walked.items.map(key)).size).toBe(whole.total);
    return whole;
  }

  describe('names beside user ids', () => {
    it('names each case’s worker in the case list and the case', async () => {
      const list = (await t.http().get('/api/v1/cases?pageSize=200').set(auth['morgan.manager']).expect(200)).body as Page<{ ref: string; worker: string; workerName: string }>;
      expect(list.total).toBe(10);
      for (const c of list.items) expect({ ref: c.ref, named: typeof c.workerName === 'string' && c.workerName.length > 0 }).toEqual({ ref: c.ref, named: true });
      expect(list.items.find((c) => c.ref === 'P9-0002')).toMatchObject({ worker: ids['tariq.hussain'], workerName: 'Tariq Hussain' });
      const one = await t.http().get(`/api/v1/cases/${await caseId('P9-0001')}`).set(auth['sam.worker']).expect(200);
      expect(one.body.case).toMatchObject({ worker: ids['sam.worker'], workerName: 'Sam Okafor' });
    });

    it('names who made each revision in histories, versions and diffs (an import by its importer, the author in the source system beside it)', async () => {
      const id = await caseId('P9-0001');
      const loader = { by: 'system:demo-loader', byName: 'Demo loader (system)' };
      const sam = { by: ids['sam.worker'], byName: 'Sam Okafor' };
      const history = (await t.http().get(`/api/v1/cases/${id}/safety-plans/sp1/history`).set(auth['morgan.manager']).expect(200)).body as Page<{ by: string; byName: string }>;
      expect(history.items).toEqual(Array(3).fill(expect.objectContaining({ ...loader, source: expect.objectContaining(sam) })));
      const own = (await t.http().get(`/api/v1/cases/${id}/history`).set(auth['morgan.manager']).expect(200)).body as Page<{ by: string; byName: string }>;
      expect(own.items[0]).toMatchObject(loader);
      const person = (await t.http().get(`/api/v1/cases/${id}/people/c1/history`).set(auth['morgan.manager']).expect(200)).body as Page<{ byName: string }>;
      expect(person.items[0].byName).toBe(loader.byName);
      const version = await t.http().get(`/api/v1/cases/${id}/mappings/m1/versions/1`).set(auth['morgan.manager']).expect(200);
      expect(version.body).toMatchObject({ ...loader, source: expect.objectContaining(sam) });
      const diff = await t.http().get(`/api/v1/cases/${id}/mappings/m1/diff?from=1&to=2`).set(auth['morgan.manager']).expect(200);
      expect([diff.body.from.source.byName, diff.body.to.source.byName]).toEqual(['Sam Okafor', 'Sam Okafor']);
      const record = await t.http().get(`/api/v1/cases/${id}/mappings/m2`).set(auth['sam.worker']).expect(200);
      expect(record.body.lastChange).toMatchObject({ ...loader, source: expect.objectContaining(sam) });
    });

    it('names the user of each access-log entry', async () => {
      const log = (await t.http().get(`/api/v1/admin/access-log?userId=${ids['sam.worker']}`).set(auth.admin).expect(200)).body as Page<{ userId: string; userName: string }>;
      expect(log.total).toBeGreaterThan(0);
      for (const e of log.items) expect(e).toMatchObject({ userId: ids['sam.worker'], userName: 'Sam Okafor' });
    });

    it('names workers in the fidelity report for staff, by case and by worker', async () => {
      const report = await t.http().get('/api/v1/fidelity?site=P9&asOf=2020-03-31T17:00:00Z&groupBy=worker').set(auth['morgan.manager']).expect(200);
      expect(report.body.cases.find((c: { ref: string }) => c.ref === 'P9-0002')).toMatchObject({ worker: ids['tariq.hussain'], workerName: 'Tariq Hussain' });
      expect(report.body.groups.find((g: { key: string }) => g.key === ids['sam.worker'])).toMatchObject({ name: 'Sam Okafor', cases: 3 });
    });

    it('gives evaluators pseudonymised workers and no staff names', async () => {
      const report = await t.http().get('/api/v1/fidelity?site=P9&asOf=2020-03-31T17:00:00Z&groupBy=worker').set(auth['eve.evaluator']).expect(200);
      for (const c of report.body.cases) expect(c.worker).toMatch(/^u-[0-9a-f]{24}$/);
      for (const name of ['Sam Okafor', 'Tariq Hussain', 'Ellen Park', 'Dami Oyelaran', 'sam.worker', ids['sam.worker']]) expect(report.text).not.toContain(name);
      expect(report.text).not.toContain('Name"');
    });
  });

  describe('searching the case list', () => {
    const refs = async (query: string, who = auth['morgan.manager']) =>
      ((await t.http().get(`/api/v1/cases?${query}`).set(who).expect(200)).body as Page<{ ref: string }>).items.map((c) => c.ref);

    it("finds a case by any part of the child's name, in any case, and not by other people's names", async () => {
      expect(await refs('q=kofi')).toEqual(['P9-0002']);
      expect(await refs('q=MENSAH')).toEqual(['P9-0002']);
      expect(await refs('q=lily-mae%20pry')).toEqual(['P9-0003']);
      expect(await refs('q=Abena')).toEqual([]); // Kofi's mother
    });

    it('finds cases by part of the ref, and by the worker’s name or username', async () => {
      expect(await refs('q=0010')).toEqual(['P9-0010']);
      expect(await refs('q=p9-000')).toHaveLength(9);
      expect(await refs('q=Tariq')).toEqual(['P9-0002', 'P9-0006', 'P9-0010']);
      expect(await refs('q=hussain')).toEqual(['P9-0002', 'P9-0006', 'P9-0010']);
      expect(await refs('q=ellen.park')).toEqual(['P9-0003', 'P9-0007']);
    });

    it('combines the search with the filters, within the user’s teams only', async () => {
      expect(await refs('q=tariq&ref=P9-0006')).toEqual(['P9-0006']);
      expect(await refs(`worker=${ids['tariq.hussain']}`)).toEqual(['P9-0002', 'P9-0006', 'P9-0010']);
      expect(await refs('stage=child_in_need')).toEqual(['P9-0004', 'P9-0008']);
      expect(await refs('q=oyelaran&stage=child_in_need&open=true')).toEqual(['P9-0004', 'P9-0008']);
      expect(await refs('open=false')).toEqual([]);
      expect(await refs('q=tariq', auth['sam.worker'])).toEqual([]); // team B's cases
      expect(await refs('q=kayden', auth['sam.worker'])).toEqual(['P9-0001']);
      expect(await refs('q=kofi', auth['alex.manager'])).toEqual(['P7-0001']); // the same family name in another site
    });

    it('matches % and _ as themselves', async () => {
      expect(await refs('q=%25')).toEqual([]);
      expect(await refs('q=_')).toEqual([]);
      expect(await refs('q=P9%25001')).toEqual([]);
    });

    it('refuses evaluators (pseudonymised data only) and bad queries', async () => {
      await t.http().get('/api/v1/cases?q=kofi').set(auth['eve.evaluator']).expect(403);
      const long = await t.http().get(`/api/v1/cases?q=${'x'.repeat(101)}`).set(auth['morgan.manager']).expect(422);
      expect(long.body.errors[0]).toMatchObject({ pointer: '/q' });
      const open = await t.http().get('/api/v1/cases?open=maybe').set(auth['morgan.manager']).expect(422);
      expect(open.body.errors[0]).toMatchObject({ pointer: '/open' });
    });
  });

  describe('pages', () => {
    it('pages cases, people, records and histories in a stable order with a total', async () => {
      await expectStablePages('/api/v1/cases', auth['morgan.manager'], (c) => c.ref as string, 3);
      const id = await caseId('P9-0001');
      const people = await expectStablePages(`/api/v1/cases/${id}/people`, auth['morgan.manager'], (p) => p.id as string);
      expect(people.items.map((p) => p.id)).toEqual(['c1', 'h1', 'n1', 'n2', 'p1', 'p2']);
      const mappings = await expectStablePages(`/api/v1/cases/${id}/mappings`, auth['morgan.manager'], (r) => r.id as string, 1);
      expect(mappings.items.map((r) => r.id)).toEqual(['m1', 'm2']);
      const plan = await expectStablePages(`/api/v1/cases/${id}/safety-plans/sp1/history`, auth['morgan.manager'], (r) => String(r.version), 1);
      expect(plan.items.map((r) => r.version)).toEqual([3, 2, 1]);
    });

    it('pages the access log and the users', async () => {
      // reading the log is itself logged (and the test clock stands still): walk entries of a kind that reading does not add
      await expectStablePages('/api/v1/admin/access-log?event=sign-in.success', auth.admin, (e) => String(e.seq), 3);
      const users = await expectStablePages('/api/v1/admin/users', auth.admin, (u) => u.username as string, 5);
      expect(users.total).toBe(22);
      expect(users.items.map((u) => u.username)).toEqual([...users.items.map((u) => u.username as string)].sort());
    });

    it('refuses a page size over the maximum', async () => {
      for (const path of ['/api/v1/cases', '/api/v1/admin/users', '/api/v1/audits/mine', '/api/v1/audit-rounds']) {
        const who = path.startsWith('/api/v1/admin') ? auth.admin : auth['morgan.manager'];
        const res = await t.http().get(`${path}?pageSize=201`).set(who).expect(422);
        expect(res.body.errors[0]).toMatchObject({ pointer: '/pageSize' });
      }
    });

    it('pages rounds, a round’s audits and my audits, with names', async () => {
      for (const seed of ['a', 'b', 'c']) {
        const round = await t.http().post('/api/v1/audit-rounds').set(auth['morgan.manager'])
          .send({ name: `Round ${seed}`, teamIds: (await t.http().get('/api/v1/auth/me').set(auth['morgan.manager'])).body.teamIds, asOf: '2020-03-31T17:00:00Z', sample: { kind: 'random', perTeam: 2, seed }, dueOn: '2020-05-31' })
          .expect(201);
        await t.http().post(`/api/v1/audit-rounds/${round.body.id}/draw`).set(auth['morgan.manager']).expect(200);
        t.clock.advance(1000);
      }
      const rounds = await expectStablePages('/api/v1/audit-rounds', auth['morgan.manager'], (r) => r.id as string, 1);
      expect(rounds.items.map((r) => r.name)).toEqual(['Round c', 'Round b', 'Round a']);
      expect(rounds.items[0]).toMatchObject({ createdByName: 'Morgan Reid', auditorNames: ['Morgan Reid'], counts: { audits: 4, signedOff: 0, withdrawn: 0 } });
      const audits = await expectStablePages(`/api/v1/audit-rounds/${rounds.items[0].id}/audits`, auth['morgan.manager'], (a) => a.id as string, 3);
      for (const a of audits.items) expect(a).toMatchObject({ auditorName: 'Morgan Reid', workerName: expect.any(String) });
      const mine = await expectStablePages('/api/v1/audits/mine', auth['morgan.manager'], (a) => a.id as string, 5);
      expect(mine.total).toBe(12);
      const tariqs = (await t.http().get('/api/v1/audits/mine').set(auth['tariq.hussain']).expect(200)).body as Page<{ workerName: string }>;
      expect(tariqs.total).toBeGreaterThan(0);
      for (const a of tariqs.items) expect(a.workerName).toBe('Tariq Hussain');

      // an audit with its stamps named, and its history with the names of the ids inside its states
      const auditId = audits.items[0].id as string;
      const worker = audits.items[0].workerId as string;
      const signedIn = Object.entries(ids).find(([, id]) => id === worker)?.[0];
      const workerAuth = signedIn ? auth[signedIn] : null;
      let v = (await t.http().patch(`/api/v1/audits/${auditId}`).set(auth['morgan.manager']).send({ version: 1, verdicts: { mapping_recorded: { verdict: 'confirm' } }, grade: 'good' }).expect(200)).body.version;
      const signed = await t.http().post(`/api/v1/audits/${auditId}/sign-off`).set(auth['morgan.manager']).send({ version: v }).expect(200);
      v = signed.body.version;
      expect(signed.body).toMatchObject({ auditorName: 'Morgan Reid', workerName: audits.items[0].workerName });
      expect(signed.body.state.verdicts.mapping_recorded.auditor).toMatchObject({ by: ids['morgan.manager'], byName: 'Morgan Reid' });
      expect(signed.body.state.signOff.auditor).toMatchObject({ by: ids['morgan.manager'], byName: 'Morgan Reid' });
      const history = await t.http().get(`/api/v1/audits/${auditId}/history?pageSize=1&page=1`).set(auth['morgan.manager']).expect(200);
      expect(history.body).toMatchObject({ total: 3, page: 1, pageSize: 1, names: { [ids['morgan.manager']]: 'Morgan Reid' } });
      expect(history.body.items[0]).toMatchObject({ version: 3, byName: 'Morgan Reid', reason: 'signed off by the auditor' });
      expect(history.body.items[0].state.signOff.auditor).toEqual({ by: ids['morgan.manager'], at: expect.any(String) });
      if (workerAuth) await t.http().get(`/api/v1/audits/${auditId}`).set(workerAuth).expect(200);
    });
  });
});
