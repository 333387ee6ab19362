import { fisherExact, mcnemarExact } from '@mapwork/statistics';
import { compareGroups, compareInstants } from './compare';
import { FidelityCase } from './input';
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
    expect(reviewed.comparison).toBeNull();
  });

  it('more groups: chi-square with k − 1 degrees of freedom', () => {
    const three = [...cases, kase('P7', 'a', true), kase('P7', 'b', false)];
    const family = compareGroups(fidelityReport(three, { asOf: '2020-01-01T00:00:00Z' })).indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(family.comparison).toMatchObject({ test: 'chi_square', df: 2 });
  });

  it('T1 → T3: paired outcomes of the same cases and McNemar’s exact test', () => {
    const changing = [kase('P9', 'a', false, true), kase('P9', 'b', false, true), kase('P9', 'c', false, true), kase('P9', 'd', true, false), kase('P9', 'e', false, false)];
    const t1 = fidelityReport(changing, { asOf: '2019-03-01T00:00:00Z' });
    const t3 = fidelityReport([...changing, kase('P9', 'new', true)], { asOf: '2019-12-01T00:00:00Z' });
    const change = compareInstants(t1, t3);
    expect(change.cases).toBe(5);
    const family = change.indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(family).toMatchObject({ paired: 5, metBefore: 1, metAfter: 3, lost: 1, gained: 3, rateBefore: 0.2, rateAfter: 0.6, p: mcnemarExact(1, 3).p });
    expect(family.change).toBeCloseTo(0.4, 12);
  });
});
