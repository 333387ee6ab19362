import { DemoSeeder } from '@mapwork/demo';
import { fisherExact } from '@mapwork/statistics';
import { cli } from './support/cli';
import { TestApp, createTestApp } from './support/test-app';

describe('comparisons between sites and between instants, on the demo (e2e)', () => {
  let t: TestApp;
  let evaluator: { Authorization: string };
  let manager: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    const signIn = async (username: string) => ({
      Authorization: `Bearer ${(await t.http().post('/api/v1/auth/sign-in').send({ username, password }).expect(200)).body.token}`,
    });
    evaluator = await signIn('eve.evaluator');
    manager = await signIn('priya.manager');
  });
  afterAll(() => t.close());

  it('compares the four sites with chi-square, and two with Fisher and Newcombe', async () => {
    const all = await t.http().get('/api/v1/fidelity/compare?groupBy=site&asOf=2020-03-31T17:00:00Z').set(evaluator).expect(200);
    const fnm = all.body.indicators.find((i: { indicator: string }) => i.indicator === 'family_network_meeting_held');
    expect(fnm.groups.map((g: { key: string; met: number }) => [g.key, g.met])).toEqual([['P1', 6], ['P7', 3], ['P8', 6], ['P9', 1]]);
    expect(fnm.comparison).toMatchObject({ test: 'chi_square', df: 3 });
    expect(fnm.comparison.p).toBeLessThan(0.001);

    const { out, code } = await cli(['compare', '--in', 'seeds/demo/P8.casefile.json', '--in', 'seeds/demo/P9.casefile.json', '--format', 'json']);
    expect(code).toBe(0);
    const two = JSON.parse(out);
    const family = two.indicators.find((i: { indicator: string }) => i.indicator === 'family_involved_in_mapping');
    expect(family.comparison).toMatchObject({ test: 'fisher_exact', p: fisherExact(3, 3, 1, 9).p, difference: 3 / 6 - 1 / 10 });
    expect(family.comparison.ci95[0]).toBeLessThan(family.comparison.difference);
  });

  it('compares the same cases at T1 and T3 with McNemar, within what the user may see', async () => {
    const change = await t.http().get('/api/v1/fidelity/compare?site=P8&asOf=2018-07-01T00:00:00Z&vsAsOf=2020-03-31T17:00:00Z').set(manager).expect(200);
    expect(change.body).toMatchObject({ asOf: '2018-07-01T00:00:00Z', vsAsOf: '2020-03-31T17:00:00Z', cases: 2 });
    for (const i of change.body.indicators) {
      expect(i.lost + i.gained).toBeLessThanOrEqual(i.paired);
      expect(i.p).toBeGreaterThan(0);
    }
    const html = await t.http().get('/api/v1/fidelity/compare?site=P8&format=html&asOf=2020-03-31T17:00:00Z&groupBy=team').set(manager).expect(200);
    expect(html.text).toContain('Fidelity compared by team');
    const csv = await t.http().get('/api/v1/fidelity/compare?site=P8&format=csv&asOf=2020-03-31T17:00:00Z&vsAsOf=2020-01-01T00:00:00Z').set(manager).expect(200);
    expect(csv.text.split('\r\n')[0]).toBe('indicator,paired_cases,met_before,met_after,rate_before,rate_after,change,lost,gained,mcnemar_p');
    await t.http().get('/api/v1/fidelity/compare?vsAsOf=yesterday').set(manager).expect(422);
  });
});
