import { DemoSeeder } from '@mapwork/demo';
import { cli } from './support/cli';
import { TestApp, createTestApp } from './support/test-app';

describe('instruments: definitions, responses and their scores (e2e)', () => {
  let t: TestApp;
  let evaluator: { Authorization: string };
  let admin: { Authorization: string };
  let worker: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    const signIn = async (username: string) => ({ Authorization: `Bearer ${(await t.http().post('/api/v1/auth/sign-in').send({ username, password }).expect(200)).body.token}` });
    [evaluator, admin, worker] = [await signIn('eve.evaluator'), await signIn('admin'), await signIn('sam.worker')];
  });
  afterAll(() => t.close());

  it('ships the instruments the evaluation describes, without licensed wording', async () => {
    const list = (await t.http().get('/api/v1/instruments').set(evaluator).expect(200)).body as Array<{ id: string; items: Array<{ wording: string | null }>; subscales: unknown[] }>;
    expect(list.map((d) => [d.id, d.items.length, d.subscales.length])).toEqual([
      ['mapping-the-future', 12, 1],
      ['profiling-tool', 50, 5],
      ['staff-survey-sofs-elements', 8, 1],
    ]);
    expect(list.every((d) => d.items.every((i) => i.wording === null))).toBe(true);
    await t.http().get('/api/v1/instruments').set(worker).expect(403);
  });

  it('prints a report as a table or CSV rounded to 3 decimals, and as JSON with every digit, the same as the API', async () => {
    const headcount = 'P1:62,P7:290,P8:303,P9:145';
    const res = await t.http().get(`/api/v1/instruments/staff-survey-sofs-elements/element-use?threshold=1&headcount=${headcount}`).set(evaluator).expect(200);
    const args = ['instrument', 'report', 'staff-survey-sofs-elements', 'element-use', '--headcount', headcount, '--database-url', t.databaseUrl];
    const json = await cli([...args, '--format', 'json']);
    expect(JSON.parse(json.out)).toEqual(res.body);
    expect(res.body.items.some((i: { sites: Array<{ percent: number }> }) => i.sites.some((s) => s.percent !== Number(s.percent.toFixed(3))))).toBe(true);
    const rows = [
      ['element', 'P1', 'P7', 'P8', 'P9'],
      ...res.body.items.map((i: { label: string; sites: Array<{ percent: number }> }) => [i.label, ...i.sites.map((s) => s.percent.toFixed(3))]),
      ['respondents', ...res.body.sites.map((s: { n: number }) => String(s.n))],
      ['share of workforce', ...res.body.sites.map((s: { shareOfWorkforce: number }) => s.shareOfWorkforce.toFixed(3))],
    ];
    const table = await cli(args);
    expect(table.code).toBe(0);
    const [title, ...lines] = table.out.trimEnd().split('\n');
    expect(title).toBe('staff-survey-sofs-elements: % of respondents answering 1 or more, by site');
    expect(lines.map((l) => l.trim().split(/\s{2,}/))).toEqual(rows);
    const csv = await cli([...args, '--format', 'csv']);
    expect(csv).toMatchObject({ code: 0, out: rows.map((r) => r.join(',')).join('\r\n') + '\r\n' });
  });

  it('validates responses against the definition, naming the item', async () => {
    const bad = await t.http().post('/api/v1/instruments/mapping-the-future/responses').set(evaluator)
      .send({ respondentKind: 'manager', site: 'P8', timePoint: 'T1', frame: 'now', answers: { mtf_01: 11, mtf_02: 7, mtf_99: 3 } }).expect(422);
    expect(bad.body.errors.map((e: { pointer: string; rule: string }) => [e.pointer, e.rule])).toEqual([['/answers/mtf_01', 'range'], ['/answers/mtf_99', 'itemOfInstrument']]);
    await t.http().post('/api/v1/instruments/mapping-the-future/responses').set(evaluator).send({ respondentKind: 'parent', site: 'P8', timePoint: 'T1', frame: 'now', answers: {} }).expect(422);
    await t.http().post('/api/v1/instruments/nope/responses').set(evaluator).send({ respondentKind: 'manager', site: 'P8', timePoint: 'T1', answers: {} }).expect(404);
  });

  it('scores Mapping the Future: hoped for at T1 against now at T3, and sites as T-scores', async () => {
    const answer = (site: string, timePoint: string, frame: string, base: number) =>
      t.http().post('/api/v1/instruments/mapping-the-future/responses').set(evaluator)
        .send({ respondentKind: 'social_worker', site, timePoint, frame, answers: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`mtf_${String(i + 1).padStart(2, '0')}`, Math.max(1, Math.min(10, base + (i % 3) - 1))])) })
        .expect(201);
    for (const [site, now1, hoped, now3] of [['P8', 6, 8, 8], ['P9', 5, 8, 5], ['P1', 5, 7, 7]] as const) {
      await answer(site, 'T1', 'now', now1);
      await answer(site, 'T1', 'hoped_for', hoped);
      await answer(site, 'T3', 'now', now3);
    }
    const eva = await t.http().get('/api/v1/instruments/mapping-the-future/expected-vs-actual?site=P9').set(evaluator).expect(200);
    expect(eva.body.items[0]).toMatchObject({ item: 'mtf_01', label: 'Clear commitment to Signs of Safety from management', expected: 7, actual: 4, difference: -3 });
    const ts = await t.http().get('/api/v1/instruments/mapping-the-future/t-scores?timePoint=T3&frame=now').set(evaluator).expect(200);
    const bySite = Object.fromEntries(ts.body.sites.map((s: { site: string; total: { t: number } }) => [s.site, s.total.t]));
    expect(bySite.P8).toBeGreaterThan(50);
    expect(bySite.P9).toBeLessThan(50);
    expect((bySite.P1 + bySite.P8 + bySite.P9) / 3).toBeCloseTo(50, 10);
    const scores = await t.http().get('/api/v1/instruments/mapping-the-future/scores?groupBy=site,timePoint,frame').set(evaluator).expect(200);
    expect(scores.body.groups.find((g: { key: string }) => g.key === 'P9 / T3 / now')).toMatchObject({ n: 1, total: { mean: 5 } });
  });

  it('compares two respondent kinds on the same cases, and lets admins load definitions', async () => {
    const definition = {
      id: 'engagement-structure',
      name: 'Engagement (structure only)',
      scale: { min: 1, max: 5 },
      respondentKinds: ['parent', 'social_worker'],
      items: [{ id: 'q1' }, { id: 'q2', reverse: true }, { id: 'q3' }],
      subscales: [{ id: 'buy_in', name: 'Buy-in', items: ['q1', 'q2', 'q3'] }],
    };
    await t.http().post('/api/v1/instruments').set(evaluator).send({ definition }).expect(403);
    const broken = await t.http().post('/api/v1/instruments').set(admin).send({ definition: { ...definition, subscales: [{ id: 'x', name: 'X', items: ['q9'] }] } }).expect(422);
    expect(broken.body.errors[0]).toMatchObject({ pointer: '/definition/subscales/0/items/0', rule: 'itemOfInstrument' });
    await t.http().post('/api/v1/instruments').set(admin).send({ definition }).expect(201);
    await t.http().post('/api/v1/instruments').set(admin).send({ definition }).expect(409);
    for (const [ref, parent, worker_] of [['P8-0001', [4, 2, 4], [5, 1, 4]], ['P8-0002', [2, 4, 2], [3, 3, 3]], ['P8-0003', [5, 1, 5], [5, 1, 5]]] as const) {
      for (const [kind, a] of [['parent', parent], ['social_worker', worker_]] as const) {
        await t.http().post('/api/v1/instruments/engagement-structure/responses').set(evaluator)
          .send({ respondentKind: kind, site: 'P8', caseRef: ref, timePoint: 'T2', answers: { q1: a[0], q2: a[1], q3: a[2] } }).expect(201);
      }
    }
    const listed = await t.http().get('/api/v1/instruments/engagement-structure/responses?respondentKind=parent').set(evaluator).expect(200);
    expect(listed.body).toMatchObject({ instrument: 'engagement-structure', total: 3, page: 1, pageSize: 50 });
    expect(listed.body.items.find((r: { caseRef: string }) => r.caseRef === 'P8-0001')).toMatchObject({ scores: { total: { answered: 3, sum: 4 + (6 - 2) + 4, mean: 4 }, subscales: { buy_in: { sum: 12 } } } });
    const cliListed = await cli(['instrument', 'report', 'engagement-structure', 'responses', '--kind', 'parent', '--format', 'json', '--database-url', t.databaseUrl]);
    expect(JSON.parse(cliListed.out).responses).toEqual(listed.body.items);
    // pages in submission order: the second page of two holds the third response
    const second = await t.http().get('/api/v1/instruments/engagement-structure/responses?respondentKind=parent&pageSize=2&page=2').set(evaluator).expect(200);
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [listed.body.items[2]] });
    const cmp = await t.http().get('/api/v1/instruments/engagement-structure/compare-kinds?a=social_worker&b=parent').set(evaluator).expect(200);
    expect(cmp.body).toMatchObject({ kinds: ['social_worker', 'parent'], pairedCases: 3 });
    expect(cmp.body.total.meanDifference).toBeCloseTo(((14 / 3 - 4) + (3 - 2) + 0) / 3, 12);
    expect(cmp.body.items.find((i: { item: string }) => i.item === 'q3')).toMatchObject({ n: 3, observed: 2 / 3 });
    const csv = await cli(['instrument', 'report', 'engagement-structure', 'compare-kinds', '--vs', 'social_worker,parent', '--format', 'csv', '--database-url', t.databaseUrl]);
    const r3 = (v: number | null) => (v === null ? '' : v.toFixed(3));
    const p = (v: number) => (v < 0.001 ? '< 0.001' : v.toFixed(3));
    expect(csv.out.split('\r\n')).toEqual([
      'item,n,observed,kappa,mean_difference,t,df,p',
      `total,3,,,${r3(cmp.body.total.meanDifference)},${r3(cmp.body.total.t)},2,${p(cmp.body.total.p)}`,
      ...cmp.body.items.map((i: { item: string; n: number; observed: number; kappa: number | null }) => `${i.item},${i.n},${r3(i.observed)},${r3(i.kappa)},,,,`),
      '',
    ]);
  });

  it('says why a comparison of kinds cannot be computed, in one shape: no pairs, or t infinite', async () => {
    // no response so far is about a case: no pairs (this used to say df: -1)
    const none = await t.http().get('/api/v1/instruments/mapping-the-future/compare-kinds?a=social_worker&b=manager').set(evaluator).expect(200);
    expect(none.body.pairedCases).toBe(0);
    expect(none.body.total).toEqual({ t: null, df: null, p: null, meanDifference: null, notComputable: { code: 'NO_DATA', message: 'no pairs' } });
    expect(none.body.items[0]).toMatchObject({ n: 0, observed: null, expected: null, kappa: null, notComputable: { code: 'NO_DATA', message: 'no cases rated by both' } });
    const fromCli = await cli(['instrument', 'report', 'mapping-the-future', 'compare-kinds', '--vs', 'social_worker,manager', '--format', 'json', '--database-url', t.databaseUrl]);
    expect(JSON.parse(fromCli.out)).toEqual(none.body);
    expect(fromCli.out).not.toContain('-1');
    const table = await cli(['instrument', 'report', 'mapping-the-future', 'compare-kinds', '--vs', 'social_worker,manager', '--database-url', t.databaseUrl]);
    expect(table.out).toContain('\nnotes\n  total: not computable: no pairs\n  mtf_01 kappa: not computable: no cases rated by both\n');

    // every worker one point above the manager on every item: t is +∞, p its limit 0, never a made-up number
    for (const [ref, base] of [['P9-0001', 3], ['P9-0002', 5], ['P9-0003', 4]] as const) {
      for (const [kind, v] of [['manager', base], ['social_worker', base + 1]] as const) {
        const answers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`mtf_${String(i + 1).padStart(2, '0')}`, v]));
        await t.http().post('/api/v1/instruments/mapping-the-future/responses').set(evaluator).send({ respondentKind: kind, site: 'P9', caseRef: ref, timePoint: 'T2', frame: 'now', answers }).expect(201);
      }
    }
    const constant = await t.http().get('/api/v1/instruments/mapping-the-future/compare-kinds?a=social_worker&b=manager&timePoint=T2').set(evaluator).expect(200);
    expect(constant.body.total).toEqual({
      t: null, df: 2, p: 0, meanDifference: 1,
      notComputable: { code: 'INFINITE_STATISTIC', message: 'every paired difference is 1: t is +∞ and p is 0 (its limit)' },
    });
  });
});
