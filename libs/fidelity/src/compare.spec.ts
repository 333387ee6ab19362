import { chiSquareKx2, fisherExact, mcnemarExact } from '@mapwork/statistics';
import { compareGroups, compareInstants } from './compare';
import { FidelityCase } from './input';
import { changeComparisonToCsv, changeComparisonToHtml, groupComparisonToCsv, groupComparisonToHtml } from './render';
import { fidelityReport } from './report';

const mappingRevision = (at: string, family: boolean) => ({
  at,
  data: {
    heldOn: at.slice(0, 10), kind: 'initial', participants: family ? [{ role: 'parent' }] : [{ role: 'professional' }],
    harm: [], complicatingFactors: [], existingStrengths: [], existingSafety: [], dangerStatements: [], safetyGoals: [], nextSteps: [], scaleRatings: [],
  },
});

function kase(site: string, ref: string, family: boolean, familyLater?: boolean): FidelityCase {
  const revisions = [mappingRevision('2019-01-10T10:00:00Z', family)];
  if (familyLater !== undefined) revisions.push(mappingRevision('2019-06-10T10:00:00Z', familyLater));
  return { ref, site, team: null, worker: null, openedOn: '2019-01-01', records: [{ type: 'mapping', id: 'm1', revisions }] };
}

describe('comparisons', () => {
  const cases = [
    ...['a', 'b', 'c', 'd', 'e'].map((r, i) => kase('P1', r, i < 4)),
    ...['a', 'b', 'c', 'd', 'e', 'f'].map((r, i) => kase('P9', r, i < 1)),
  ];

  it('two groups: rates, Fisher p and the Newcombe interval for the difference', () => {
    const cmp = compareGroups(fidelityReport(cases, { asOf: '2020-01-01T00:00:00Z' }));
    const family = cmp.indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(family.groups.map((g) => [g.key, g.met, g.applicable])).toEqual([['P1', 4, 5], ['P9', 1, 6]]);
    expect(family.comparison).toMatchObject({ test: 'fisher_exact', p: fisherExact(4, 1, 1, 5).p, difference: 4 / 5 - 1 / 6 });
    const recorded = cmp.indicators.find((i) => i.indicator === 'mapping_recorded')!;
    expect(recorded.comparison).toMatchObject({ test: 'fisher_exact', p: 1, difference: 0 });
    const reviewed = cmp.indicators.find((i) => i.indicator === 'safety_plan_reviewed')!;
    expect(reviewed.comparison).toEqual({ test: null, p: null, warnings: [], notComputable: { code: 'TOO_FEW', message: 'fewer than two groups with an applicable case' } });
  });

  it('more groups: chi-square with k − 1 degrees of freedom', () => {
    const three = [...cases, kase('P7', 'a', true), kase('P7', 'b', false)];
    const family = compareGroups(fidelityReport(three, { asOf: '2020-01-01T00:00:00Z' })).indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(family.comparison).toMatchObject({ test: 'chi_square', df: 2 });
    expect(family.comparison.warnings).toEqual(chiSquareKx2([[4, 1], [1, 5], [1, 1]]).warnings);
    expect(family.comparison.warnings[0]).toMatchObject({ code: 'SMALL_EXPECTED_COUNT', cells: 6, totalCells: 6 });
  });

  it('says which tests are missing or doubtful, and prints p below 0.001 as < 0.001, in CSV and HTML', () => {
    const many = (site: string, n: number, met: number) => Array.from({ length: n }, (_, i) => kase(site, `${site}-${i}`, i < met));
    const three = compareGroups(fidelityReport([...many('A', 20, 19), ...many('B', 20, 2), ...many('C', 4, 1)], { asOf: '2020-01-01T00:00:00Z' }));
    const family = three.indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(family.comparison.p).toBeLessThan(0.001);
    expect(family.comparison.warnings).toHaveLength(1);
    const csv = groupComparisonToCsv(three).split('\r\n');
    expect(csv[0]).toBe('indicator,site,applicable,met,rate,test,statistic,df,p,difference,ci95_low,ci95_high,note');
    const row = csv.find((l) => l.startsWith('family_involved_in_mapping,A,'))!;
    expect(row).toContain(',< 0.001,');
    expect(row).toMatch(/expected counts below 5 .*Fisher's exact test is preferable/);
    expect(csv.find((l) => l.startsWith('mapping_recorded,A,'))).toContain('not computable: every case has the same outcome');
    expect(csv.slice(1, -1).map((l) => l.split(',')[8]).filter((p) => p === '0.000')).toEqual([]);
    const html = groupComparisonToHtml(three);
    expect(html).toContain('&lt; 0.001 *');
    expect(html).toMatch(/Mapping recorded<\/strong>: not computable: every case has the same outcome/);
    expect(html).toContain('Fisher&#x27;s exact test is preferable');
  });

  it('T1 → T3: paired outcomes of the same cases and McNemar’s exact test', () => {
    const changing = [kase('P9', 'a', false, true), kase('P9', 'b', false, true), kase('P9', 'c', false, true), kase('P9', 'd', true, false), kase('P9', 'e', false, false)];
    const t1 = fidelityReport(changing, { asOf: '2019-03-01T00:00:00Z' });
    const t3 = fidelityReport([...changing, kase('P9', 'new', true)], { asOf: '2019-12-01T00:00:00Z' });
    const change = compareInstants(t1, t3);
    expect(change.cases).toBe(5);
    const family = change.indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(family).toMatchObject({ paired: 5, metBefore: 1, metAfter: 3, lost: 1, gained: 3, rateBefore: 0.2, rateAfter: 0.6, p: mcnemarExact(1, 3).p, notComputable: null });
    expect(family.change).toBeCloseTo(0.4, 12);
    expect(family.lostCases).toEqual([{ site: 'P9', ref: 'd' }]);
    expect(family.gainedCases).toEqual([{ site: 'P9', ref: 'a' }, { site: 'P9', ref: 'b' }, { site: 'P9', ref: 'c' }]);
    const reviewed = change.indicators.find((i) => i.indicator === 'safety_plan_reviewed')!;
    expect(reviewed).toMatchObject({ paired: 0, p: null, lostCases: [], gainedCases: [], notComputable: { code: 'NO_DATA' } });

    const named = compareInstants(t1, t3, (c) => `x-${c.ref}`).indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(named.lostCases).toEqual([{ site: 'P9', ref: 'x-d' }]);

    const csv = changeComparisonToCsv(change).split('\r\n');
    expect(csv[0]).toBe('indicator,paired_cases,met_before,met_after,rate_before,rate_after,change,lost,gained,mcnemar_p,lost_cases,gained_cases,note');
    expect(csv.find((l) => l.startsWith('family_involved_in_mapping,'))).toMatch(/,1,3,0\.625,d,a; b; c,$/);
    expect(csv.find((l) => l.startsWith('safety_plan_reviewed,'))).toMatch(/,,,,not computable: no case where the indicator applies at both instants$/);
    const html = changeComparisonToHtml(change);
    expect(html).toContain('Cases that lost and gained each indicator');
    expect(html).toMatch(/<th scope="row">Family involved in mapping<\/th><td>d<\/td><td>a, b, c<\/td>/);
  });

  it('T1 → T3 names a case site/ref where two sites list the same ref', () => {
    const cases = [kase('P1', 'a', false, true), kase('P9', 'a', false, true)];
    const change = compareInstants(fidelityReport(cases, { asOf: '2019-03-01T00:00:00Z' }), fidelityReport(cases, { asOf: '2019-12-01T00:00:00Z' }));
    expect(changeComparisonToCsv(change)).toContain(',P1/a; P9/a,');
  });
});
