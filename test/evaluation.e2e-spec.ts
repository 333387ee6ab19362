import { UsersService } from '@mapwork/auth';
import { DemoSeeder } from '@mapwork/demo';
import { cli } from './support/cli';
import { signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';

describe('evaluators’ scoring sheets and agreement between raters (e2e)', () => {
  let t: TestApp;
  let eve: { id: string; auth: { Authorization: string } };
  let second: { id: string; auth: { Authorization: string } };
  let worker: { Authorization: string };
  const sheet = (site: string, ref: string) => `/api/v1/evaluation/scoring-sheets/${site}/${ref}`;

  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    await t.app.get(UsersService).createUser({ username: 'ravi.evaluator', displayName: 'Ravi', role: 'evaluator', password: 'a second evaluator' });
    eve = await signIn(t, 'eve.evaluator', password);
    second = await signIn(t, 'ravi.evaluator', 'a second evaluator');
    worker = (await signIn(t, 'sam.worker', password)).auth;
  });
  afterAll(() => t.close());

  it('keeps a sheet with history, versions and validation', async () => {
    const created = await t.http().put(sheet('P9', 'P9-0001')).set(eve.auth)
      .send({ judgements: { family_involved_in_mapping: { value: true, note: 'mother at the first mapping' }, safety_plan_reviewed: { value: null } }, reason: 'first read' })
      .expect(200);
    expect(created.body).toMatchObject({ version: 1, rater: eve.id, judgements: { family_involved_in_mapping: { value: true } } });
    await t.http().put(sheet('P9', 'P9-0001')).set(eve.auth).send({ judgements: {} }).expect(422);
    await t.http().put(sheet('P9', 'P9-0001')).set(eve.auth).send({ judgements: {}, version: 9 }).expect(409);
    t.clock.advance(60_000);
    await t.http().put(sheet('P9', 'P9-0001')).set(eve.auth).send({ judgements: { family_involved_in_mapping: { value: false, note: 'on a second read, a professional only' } }, version: 1 }).expect(200);
    const history = await t.http().get(`${sheet('P9', 'P9-0001')}/history`).set(eve.auth).expect(200);
    expect(history.body.items.map((r: { version: number; by: string }) => [r.version, r.by])).toEqual([[2, eve.id], [1, eve.id]]);

    const bad = await t.http().put(sheet('P9', 'P9-0002')).set(eve.auth).send({ judgements: { risk_score: { value: true }, mapping_recorded: { value: 'yes' } } }).expect(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/judgements/risk_score', '/judgements/mapping_recorded/value']));
    await t.http().put(sheet('P9', 'P9-0002')).set(eve.auth).send({ judgements: { mapping_recorded: {} } }).expect(422);
    await t.http().put(sheet('P9', 'NOPE')).set(eve.auth).send({ judgements: {} }).expect(404);
    await t.http().put(sheet('P9', 'P9-0002')).set(worker).send({ judgements: {} }).expect(403);
    await t.http().get(sheet('P9', 'P9-0009')).set(second.auth).expect(404);
  });

  it('reports agreement between two evaluators and against the computed value', async () => {
    const judge = async (who: typeof eve, ref: string, family: boolean, version?: number) =>
      t.http().put(sheet('P9', ref)).set(who.auth).send({ judgements: { family_involved_in_mapping: { value: family } }, version }).expect(200);
    // the computed value: family involved only in P9-0001
    await judge(second, 'P9-0001', true);
    await judge(eve, 'P9-0002', false);
    await judge(second, 'P9-0002', false);
    await judge(eve, 'P9-0003', true);
    await judge(second, 'P9-0003', false);

    const report = await t.http().get(`/api/v1/evaluation/agreement?site=P9&asOf=2020-03-31T17:00:00Z&with=${second.id}`).set(eve.auth).expect(200);
    expect(report.body.raters).toEqual([eve.id, second.id]);
    const family = report.body.indicators.find((i: { indicator: string }) => i.indicator === 'family_involved_in_mapping');
    expect(family.betweenRaters).toMatchObject({ n: 3, observed: 1 / 3 });
    expect(family.betweenRaters.disagreements.map((d: { ref: string }) => d.ref)).toEqual(['P9-0001', 'P9-0003']);
    expect(family.withComputed[0]).toMatchObject({ rater: eve.id, n: 3, observed: 1 / 3 });
    expect(family.withComputed[1]).toMatchObject({ rater: second.id, n: 3, observed: 1, kappa: 1 });
    const fromCli = await cli(['agreement', '--site', 'P9', '--rater', eve.id, '--rater', second.id, '--as-of', '2020-03-31T17:00:00Z', '--format', 'json', '--database-url', t.databaseUrl]);
    expect(fromCli.code).toBe(0);
    expect(JSON.parse(fromCli.out)).toEqual(report.body);
    const table = await cli(['agreement', '--site', 'P9', '--rater', eve.id, '--database-url', t.databaseUrl]);
    expect(table.out).toMatch(/family_involved_in_mapping\s+3: 0\.333/);
    // an indicator nobody judged: null figures with the reason, in the JSON and in the table
    const unjudged = report.body.indicators.find((i: { indicator: string }) => i.indicator === 'mapping_recorded');
    expect(unjudged.betweenRaters).toEqual({ n: 0, observed: null, expected: null, kappa: null, notComputable: { code: 'NO_DATA', message: 'no cases rated by both' }, disagreements: [] });
    expect(table.out).toMatch(/^mapping_recorded +not computable: no cases rated by both$/m);
    await t.http().get('/api/v1/evaluation/agreement?site=P9').set(worker).expect(403);
    await t.http().get('/api/v1/evaluation/agreement').set(eve.auth).expect(422);
  });
});
