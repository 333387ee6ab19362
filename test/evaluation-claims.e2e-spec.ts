import { readFileSync } from 'node:fs';
import { DemoSeeder } from '@mapwork/demo';
import { CHECKLIST_INDICATORS, FidelityReport, IndicatorId } from '@mapwork/fidelity';
import { fromRepoRoot } from '@mapwork/kernel';
import { cli } from './support/cli';
import { TestApp, createTestApp } from './support/test-app';

/*
 * What the demo claims about the 2020 evaluation (Baginsky et al., "Evaluation of MTM's Signs of
 * Safety Pilots", Department for Education, October 2020), checked through the `mapwork` command on
 * the demo data. This file is the one list of the report's statements about the four pilots' case
 * records and staff survey that the demo reproduces, with the demo's figures, and of those it does
 * not, with the reason the README gives. Pages are the report's own page numbers. Everything else in
 * the demo (depth indicators, T1 histories, which pilot has child's-voice records, the headcounts,
 * answers "with all families") is its own invention; seeds/generate-demo.js and
 * seeds/generate-instruments.js say so where they make it.
 */

type Site = 'P1' | 'P7' | 'P8' | 'P9';
const SITES: Site[] = ['P1', 'P7', 'P8', 'P9'];

/** [site, indicator, met, applicable]; with several indicators: the site's cases where all are true, of all its cases */
type Figure = [site: Site, indicator: IndicatorId | IndicatorId[], met: number, of: number];

interface Statement {
  page: string;
  says: string;
  figures: Figure[];
  note?: string;
}

/** Scored as the records stood at the end of the fieldwork (April 2018 to March 2020, p. 18). */
const END_OF_FIELDWORK = '2020-03-31T17:00:00Z';

const each = (indicator: IndicatorId | IndicatorId[], sites: Array<[Site, number, number]>): Figure[] => sites.map(([site, met, of]) => [site, indicator, met, of]);
const ALL: Array<[Site, number, number]> = [['P1', 6, 6], ['P7', 8, 8], ['P8', 6, 6], ['P9', 10, 10]];

/** Section 3, "Meaningful measures" (p. 27), and the same finding on safety-plan reviews in "Was safety planning undertaken…" (p. 34). */
const CASE_RECORD_STATEMENTS: Statement[] = [
  { page: '27', says: 'mapping was evident in all the cases accessed across the 4 deep dive pilots', figures: each('mapping_recorded', ALL) },
  { page: '27', says: "families' involvement in mapping … in Pilot 9 it was only recorded in 1 of the 10", figures: [['P9', 'family_involved_in_mapping', 1, 10]] },
  { page: '27', says: '[families’ involvement in mapping] in Pilots 7 and 8 in half', figures: each('family_involved_in_mapping', [['P7', 4, 8], ['P8', 3, 6]]) },
  { page: '27', says: '[families’ involvement in mapping] in Pilot 1 in 5 of the 6', figures: [['P1', 'family_involved_in_mapping', 5, 6]] },
  { page: '27', says: 'Danger statements were present in all cases at Round 2', figures: each('danger_statement_recorded', ALL) },
  { page: '27', says: 'usually only 1 statement had been developed', figures: each('multiple_danger_statements', [['P1', 1, 6], ['P7', 1, 8], ['P8', 1, 6], ['P9', 0, 10]]) },
  {
    page: '27',
    says: 'it was the exception for more than 1 danger statement to be listed alongside a corresponding safety goal',
    figures: each(['multiple_danger_statements', 'danger_statements_have_goals'], [['P1', 1, 6], ['P7', 1, 8], ['P8', 1, 6], ['P9', 0, 10]]),
  },
  { page: '27', says: 'Safety plans were in place in every case note in Pilots 1 and 8', figures: each('safety_plan_in_place', [['P1', 6, 6], ['P8', 6, 6]]) },
  { page: '27', says: '[safety plans in place] in all but 1 in Pilot 7', figures: [['P7', 'safety_plan_in_place', 7, 8]] },
  { page: '27', says: '[safety plans in place] in only two-thirds of those in Pilot 9', figures: [['P9', 'safety_plan_in_place', 7, 10]], note: 'two-thirds of 10 is 6.7' },
  {
    page: '27',
    says: "'existing strengths', 'existing safety' and 'safety goals' were in three-quarters of cases in Pilots 7 and 9",
    figures: (['existing_strengths_recorded', 'existing_safety_recorded', 'safety_goals_recorded'] as const).flatMap((id) => each(id, [['P7', 6, 8], ['P9', 7, 10]])),
    note: 'three-quarters of 10 is 7.5',
  },
  {
    page: '27',
    says: "['existing strengths', 'existing safety' and 'safety goals'] in all the cases in Pilots 1 and 8",
    figures: (['existing_strengths_recorded', 'existing_safety_recorded', 'safety_goals_recorded'] as const).flatMap((id) => each(id, [['P1', 6, 6], ['P8', 6, 6]])),
  },
  {
    page: '27, 34',
    says: 'safety plans were reviewed, adapted and changed as cases progressed in Pilots 1, 7 and 8',
    figures: each('safety_plan_reviewed', [['P1', 6, 6], ['P7', 7, 7], ['P8', 6, 6]]),
    note: 'of the cases with a plan in place',
  },
  {
    page: '27, 34',
    says: '[safety plans reviewed] in only half the cases in Pilot 9',
    figures: [['P9', 'safety_plan_reviewed', 4, 7]],
    note: 'of the 7 cases with a plan in place (4 of all 10); the report does not say which it counted',
  },
  { page: '27', says: '[Family Network Meetings] had happened in all cases in Pilots 1 and 8', figures: each('family_network_meeting_held', [['P1', 6, 6], ['P8', 6, 6]]) },
  { page: '27', says: '[Family Network Meetings] rarely happened in Pilot 9', figures: [['P9', 'family_network_meeting_held', 1, 10]] },
  { page: '27', says: '[Family Network Meetings happened] in only one-third of cases in Pilot 7', figures: [['P7', 'family_network_meeting_held', 3, 8]], note: 'a third of 8 is 2.7' },
  {
    page: '27',
    says: 'In 3 of the 4 pilots, records of Three Houses and Words and Pictures were not uploaded onto the electronic recording system, so it was not possible to record their use',
    figures: [
      ...each('child_voice_recorded', [['P7', 0, 8], ['P8', 0, 6], ['P9', 0, 10]]),
      ...each('words_and_pictures_recorded', [['P7', 0, 8], ['P8', 0, 6], ['P9', 0, 10]]),
      ['P1', 'child_voice_recorded', 2, 6],
      ['P1', 'words_and_pictures_recorded', 1, 6],
    ],
    note:
      "0 means not recorded on the file, not unused: the report could not assess use. The report does not name the fourth pilot or give its figures; P1's records are the demo's own choice. " +
      'P8 has none, as the report says of its claims that Words and Pictures was used more widely ("despite the absence of evidence").',
  },
];

/**
 * The report's statements that the demo deliberately does not reproduce, each with what the demo
 * shows instead and the README's reason (README, "Which pilot recorded best").
 */
const EXCEPTIONS = [
  {
    page: '26',
    says: 'Pilot 8 … displaying the highest level of compliance of the 4 deep dive pilots where this was examined',
    demoShows: { order: ['P1', 'P8', 'P7', 'P9'], fidelityIndexMean: ['0.808', '0.744', '0.598', '0.476'] },
    reason:
      "The report's own per-site statements (p. 27) put P1 at or above P8 on every item they quantify, so no scoring of those items can put P8 first. " +
      'The demo keeps the quantified statements, which a case file can show; the report publishes no scoring behind the ranking, and notes that P1 looked better in its case records than in the staff survey (p. 27).',
  },
];

/** Table 2 (p. 28), transcribed once: the generator writes the staff survey from the same file. */
const TABLE2 = JSON.parse(readFileSync(fromRepoRoot('seeds/evaluation-2020-table-2.json'), 'utf8')) as {
  sites: Site[];
  percent: Record<string, number[]>;
  n: number[];
  shareOfWorkforce: number[];
};

interface ElementUse {
  sites: Array<{ site: string; n: number; shareOfWorkforce: number }>;
  items: Array<{ item: string; sites: Array<{ percent: number }> }>;
}

describe('what the demo shows of the 2020 evaluation, through `mapwork` (e2e)', () => {
  let t: TestApp;
  let password: string;
  let report: FidelityReport;

  const group = (site: Site) => report.groups.find((g) => g.key === site)!;
  const figure = (site: Site, indicator: IndicatorId | IndicatorId[]): [number, number] => {
    if (!Array.isArray(indicator)) return [group(site).indicators[indicator].met, group(site).indicators[indicator].applicable];
    const cases = report.cases.filter((c) => c.site === site);
    return [cases.filter((c) => indicator.every((id) => c.indicators[id] === true)).length, cases.length];
  };

  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    ({ password } = await t.app.get(DemoSeeder).seedIfEmpty());
    const res = await cli(['fidelity', '--group-by', 'site', '--as-of', END_OF_FIELDWORK, '--format', 'json', '--database-url', t.databaseUrl]);
    if (res.code !== 0) throw new Error(res.err);
    report = JSON.parse(res.out) as FidelityReport;
  });
  afterAll(() => t.close());

  it('has the 30 case records of the four pilots: 6 in P1 and 10 in P9 (p. 27), P7 and P9 the 18 read independently (p. 40)', () => {
    expect(report.groups.map((g) => [g.key, g.cases])).toEqual(ALL.map(([site, n]) => [site, n]));
  });

  it.each(CASE_RECORD_STATEMENTS)('p. $page: $says', ({ figures }) => {
    expect(figures.map(([site, indicator]) => [site, indicator, ...figure(site, indicator)])).toEqual(figures);
  });

  it('p. 26: "the quality of SofS recording [in Pilot 9] was the lowest of the 4 areas examined"', () => {
    const means = report.groups.map((g) => g.fidelity_index.mean!);
    expect(group('P9').fidelity_index.mean).toBe(Math.min(...means));
  });

  it.each(EXCEPTIONS)('not reproduced, p. $page: $says', ({ demoShows }) => {
    const ranked = [...report.groups].sort((a, b) => b.fidelity_index.mean! - a.fidelity_index.mean!);
    expect({ order: ranked.map((g) => g.key), fidelityIndexMean: ranked.map((g) => g.fidelity_index.mean!.toFixed(3)) }).toEqual(demoShows);
    // and P8 is ahead of P1 on no checklist indicator
    expect(CHECKLIST_INDICATORS.filter((id) => group('P8').indicators[id].rate! > group('P1').indicators[id].rate!)).toEqual([]);
  });

  it("shows the README's sample report as the command prints it, every row", async () => {
    const readme = readFileSync(fromRepoRoot('README.md'), 'utf8');
    const command = `$ npx mapwork fidelity --group-by site --as-of ${END_OF_FIELDWORK}\n`;
    expect(readme).toContain(command);
    const table = await cli(['fidelity', '--group-by', 'site', '--as-of', END_OF_FIELDWORK, '--database-url', t.databaseUrl]);
    expect(readme.slice(readme.indexOf(command) + command.length).split('```')[0]).toBe(table.out);
  });

  it("words the child's-voice indicators as what a file can show: recorded on the file", async () => {
    const html = await cli(['fidelity', '--site', 'P7', '--as-of', END_OF_FIELDWORK, '--format', 'html', '--database-url', t.databaseUrl]);
    expect(html.out).toMatch(/>Three Houses, Wizard and Fairy or Safety House recorded on the file<\/th>\s*<td class="num">0 \/ 8</);
    expect(html.out).toMatch(/>Words and Pictures recorded on the file<\/th>\s*<td class="num">0 \/ 8</);
  });

  it('p. 28, Table 2: the staff survey reproduces all 40 cells through `mapwork instrument report … element-use`, and the API agrees', async () => {
    // the headcounts are the demo's own, worked back from Table 2's shares (the report used the DfE 2019 workforce survey, p. 28 note 21)
    const { headcount } = JSON.parse(readFileSync(fromRepoRoot('seeds/demo/staff-survey.responses.json'), 'utf8')) as { headcount: Record<string, number> };
    const heads = Object.entries(headcount).map(([site, n]) => `${site}:${n}`).join(',');
    const res = await cli(['instrument', 'report', 'staff-survey-sofs-elements', 'element-use', '--headcount', heads, '--format', 'json', '--database-url', t.databaseUrl]);
    expect(res.code).toBe(0);
    const use = JSON.parse(res.out) as ElementUse;
    expect({
      sites: use.sites.map((s) => s.site),
      percent: Object.fromEntries(use.items.map((i) => [i.item, i.sites.map((s) => Math.round(s.percent))])),
      n: use.sites.map((s) => s.n),
      shareOfWorkforce: use.sites.map((s) => Math.round(100 * s.shareOfWorkforce)),
    }).toEqual({ sites: TABLE2.sites, percent: TABLE2.percent, n: TABLE2.n, shareOfWorkforce: TABLE2.shareOfWorkforce });
    expect(Object.values(TABLE2.percent).flat().length + TABLE2.n.length + TABLE2.shareOfWorkforce.length).toBe(40);

    const signIn = await t.http().post('/api/v1/auth/sign-in').send({ username: 'eve.evaluator', password }).expect(200);
    const fromApi = await t.http().get(`/api/v1/instruments/staff-survey-sofs-elements/element-use?threshold=1&headcount=${heads}`).set('Authorization', `Bearer ${signIn.body.token}`).expect(200);
    expect(fromApi.body).toEqual(use);
  });
});
