import { readFileSync } from 'node:fs';
import { Pseudonymiser, SiteKeys } from '@mapwork/casefile';
import { DemoSeeder } from '@mapwork/demo';
import { fromRepoRoot } from '@mapwork/kernel';
import { NOT_COMPUTABLE_CODES, fisherExact } from '@mapwork/statistics';
import { cli } from './support/cli';
import { signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';

describe('comparisons between sites and between instants, on the demo (e2e)', () => {
  let t: TestApp;
  let evaluator: { Authorization: string };
  let manager: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    evaluator = (await signIn(t, 'eve.evaluator', password)).auth;
    manager = (await signIn(t, 'priya.manager', password)).auth;
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

  it('flags every chi-square with an expected count below 5, prints p below 0.001 as < 0.001, and says why a test is missing', async () => {
    const all = await t.http().get('/api/v1/fidelity/compare?groupBy=site&asOf=2020-03-31T17:00:00Z').set(evaluator).expect(200);
    const byId = (id: string) => all.body.indicators.find((i: { indicator: string }) => i.indicator === id);
    // 16 of 30 held: P1 and P8 (6 cases each) expect 2.8 not held; only P9's 10 cases expect 5 or more held
    expect(byId('family_network_meeting_held').comparison.warnings).toEqual([
      {
        code: 'SMALL_EXPECTED_COUNT',
        minExpected: expect.closeTo(2.8, 12),
        cells: 7,
        totalCells: 8,
        message: expect.stringMatching(/^7 of 8 expected counts below 5 \(smallest 2\.80\): .*Fisher's exact test is preferable/),
      },
    ]);
    expect(byId('mapping_recorded').comparison).toEqual({
      test: 'chi_square', statistic: null, df: 3, p: null, warnings: [], notComputable: { code: 'NO_VARIATION', message: 'every case has the same outcome' },
    });

    const files = ['P1', 'P7', 'P8', 'P9'].flatMap((s) => ['--in', `seeds/demo/${s}.casefile.json`]);
    const table = (await cli(['compare', ...files])).out;
    expect(table).toMatch(/^family_network_meeting_held +6\/6 +3\/8 +6\/6 +1\/10 +< 0\.001 \(χ²\) \*/m);
    expect(table).toMatch(/^mapping_recorded .* not computable \(χ²\)/m);
    expect(table).toContain('  mapping_recorded: not computable: every case has the same outcome');
    expect(table).toMatch(/^ {2}family_network_meeting_held: 7 of 8 expected counts below 5 \(smallest 2\.80\)/m);
    expect(table).not.toContain('0.000 (χ²)');

    const html = await t.http().get('/api/v1/fidelity/compare?groupBy=site&asOf=2020-03-31T17:00:00Z&format=html').set(evaluator).expect(200);
    expect(html.text).toContain('&lt; 0.001 *');
    expect(html.text).toContain('<strong>Mapping recorded</strong>: not computable: every case has the same outcome');
    const csv = await t.http().get('/api/v1/fidelity/compare?groupBy=site&asOf=2020-03-31T17:00:00Z&format=csv').set(evaluator).expect(200);
    const fnm = csv.text.split('\r\n').find((l) => l.startsWith('family_network_meeting_held,P1,'))!;
    expect(fnm).toMatch(/,chi_square,[0-9.]+,3,< 0\.001,,,,"?7 of 8 expected counts below 5/);
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
    expect(csv.text.split('\r\n')[0]).toBe('indicator,paired_cases,met_before,met_after,rate_before,rate_after,change,lost,gained,mcnemar_p,lost_cases,gained_cases,note');
    await t.http().get('/api/v1/fidelity/compare?vsAsOf=yesterday').set(manager).expect(422);
  });

  it('T1 → T3 lists the cases that lost and gained each indicator: refs for managers, keyed pseudonyms for evaluators', async () => {
    const url = '/api/v1/fidelity/compare?site=P8&asOf=2018-07-01T00:00:00Z&vsAsOf=2020-03-31T17:00:00Z';
    const byId = (body: { indicators: Array<{ indicator: string }> }, id: string) => body.indicators.find((i) => i.indicator === id) as unknown as Record<string, unknown>;
    const managed = (await t.http().get(url).set(manager).expect(200)).body;
    expect(byId(managed, 'safety_plan_reviewed')).toMatchObject({ lost: 0, gained: 2, lostCases: [], gainedCases: [{ site: 'P8', ref: 'P8-0001' }, { site: 'P8', ref: 'P8-0002' }] });
    expect(byId(managed, 'scale_multiple_perspectives')).toMatchObject({ lost: 1, gained: 0, lostCases: [{ site: 'P8', ref: 'P8-0002' }], gainedCases: [] });
    expect(byId(managed, 'mapping_recorded')).toMatchObject({ lostCases: [], gainedCases: [] });

    const evaluated = (await t.http().get(url).set(evaluator).expect(200)).body;
    const pseudonym = new Pseudonymiser(t.app.get(SiteKeys).keyFor('P8'));
    expect(byId(evaluated, 'scale_multiple_perspectives')).toMatchObject({ lostCases: [{ site: 'P8', ref: pseudonym.caseRef('P8-0002') }] });
    expect(pseudonym.caseRef('P8-0002')).toMatch(/^c-[0-9a-f]{24}$/);
    expect(JSON.stringify(evaluated)).not.toContain('P8-000');
    expect((await t.http().get(url).set(evaluator).expect(200)).body).toEqual(evaluated);
    const evaluatorCsv = await t.http().get(`${url}&format=csv`).set(evaluator).expect(200);
    expect(evaluatorCsv.text).not.toContain('P8-000');
    expect(evaluatorCsv.text).toContain(pseudonym.caseRef('P8-0002'));

    const csv = (await t.http().get(`${url}&format=csv`).set(manager).expect(200)).text.split('\r\n');
    expect(csv.find((l) => l.startsWith('safety_plan_reviewed,'))).toBe('safety_plan_reviewed,2,0,2,0.000,1.000,1.000,0,2,0.500,,P8-0001; P8-0002,');
    const html = await t.http().get(`${url}&format=html`).set(manager).expect(200);
    expect(html.text).toContain('<tr><th scope="row">Safety scale rated from several perspectives, family among them</th><td>P8-0002</td><td>—</td></tr>');

    const { out } = await cli(['compare', '--site', 'P8', '--as-of', '2018-07-01T00:00:00Z', '--vs-as-of', '2020-03-31T17:00:00Z', '--database-url', t.databaseUrl]);
    expect(out).toContain('cases that lost and gained an indicator\n  safety_plan_reviewed: gained: P8-0001, P8-0002\n');
    expect(out).toContain('  scale_multiple_perspectives: lost: P8-0002\n');
    const json = JSON.parse((await cli(['compare', '--site', 'P8', '--as-of', '2018-07-01T00:00:00Z', '--vs-as-of', '2020-03-31T17:00:00Z', '--format', 'json', '--database-url', t.databaseUrl])).out);
    expect(json).toEqual(managed);
  });

  it('documents the one not-computable shape and the small-count warning in the OpenAPI schemas of every report that carries a test', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const schemas = doc.components.schemas;
    expect(schemas.NotComputableDto.properties.code.enum).toEqual([...NOT_COMPUTABLE_CODES]);
    expect(schemas.SmallExpectedCountWarningDto.properties.code.enum).toEqual(['SMALL_EXPECTED_COUNT']);
    const ok = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema;
    expect(ok('/api/v1/fidelity/compare').oneOf).toEqual([{ $ref: '#/components/schemas/GroupComparisonDto' }, { $ref: '#/components/schemas/ChangeComparisonDto' }]);
    expect(ok('/api/v1/instruments/{id}/compare-kinds')).toEqual({ $ref: '#/components/schemas/CompareKindsReportDto' });
    expect(ok('/api/v1/instruments/{id}/t-scores')).toEqual({ $ref: '#/components/schemas/TScoresReportDto' });
    expect(ok('/api/v1/instruments/{id}/scores')).toEqual({ $ref: '#/components/schemas/ScoresReportDto' });
    expect(ok('/api/v1/evaluation/agreement')).toEqual({ $ref: '#/components/schemas/AgreementReportDto' });
    expect(ok('/api/v1/audit-rounds/{roundId}/report')).toEqual({ $ref: '#/components/schemas/RoundReportDto' });
    for (const name of ['GroupTestDto', 'IndicatorChangeDto', 'TTestDto', 'ItemKappaDto', 'AgreementFiguresDto', 'ModerationAgreementDto', 'IndicatorAuditAgreementDto', 'CronbachAlphaDto', 'TScoreDto']) {
      expect({ name, notComputable: JSON.stringify(schemas[name].properties.notComputable) }).toEqual({ name, notComputable: expect.stringContaining('NotComputableDto') });
    }
    expect(JSON.stringify(schemas.GroupTestDto.properties.warnings)).toContain('SmallExpectedCountWarningDto');
    expect(schemas.IndicatorChangeDto.properties.lostCases.items).toEqual({ $ref: '#/components/schemas/CaseKeyDto' });
  });

  it("shows the README's comparisons as the command prints them (rows it leaves out are marked [ … ])", async () => {
    const readme = readFileSync(fromRepoRoot('README.md'), 'utf8');
    for (const args of [
      ['compare', '--in', 'seeds/demo/P8.casefile.json', '--in', 'seeds/demo/P9.casefile.json'],
      ['compare', '--as-of', '2018-06-30T23:59:59Z', '--vs-as-of', '2020-03-31T17:00:00Z'],
    ]) {
      const command = `$ npx mapwork ${args.join(' ')}\n`;
      expect(readme).toContain(command);
      const shown = readme.slice(readme.indexOf(command) + command.length).split('```')[0].split('\n').filter((l) => l && !l.startsWith('['));
      const printed = (await cli([...args, '--database-url', t.databaseUrl])).out.split('\n');
      // every line shown is printed, in the same order
      let at = 0;
      const missing = shown.filter((line) => {
        const found = printed.indexOf(line, at);
        if (found >= 0) at = found + 1;
        return found < 0;
      });
      expect(missing).toEqual([]);
    }
  });
});
