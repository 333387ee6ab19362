import { NotComputable, StatisticWarning, chiSquareKx2, fisherExact, mcnemarExact, notComputable, proportionDifference } from '@mapwork/statistics';
import { compareCodePoints } from '@mapwork/kernel/string-order';
import { INDICATORS, IndicatorId } from './indicators';
import { FidelityReport, GroupBy } from './report';

export interface GroupRate {
  key: string | null;
  applicable: number;
  met: number;
  rate: number | null;
}

/**
 * The test of whether groups differ. Every form carries `warnings` (SMALL_EXPECTED_COUNT
 * for a chi-square whose approximation is doubtful) and `notComputable` (null, or why a
 * figure is null); `test` is null when fewer than two groups have an applicable case.
 */
export type GroupTest =
  | {
      test: 'fisher_exact';
      p: number;
      oddsRatio: number | null;
      difference: number;
      ci95: [number, number];
      warnings: StatisticWarning[];
      notComputable: NotComputable | null;
    }
  | { test: 'chi_square'; statistic: number | null; df: number | null; p: number | null; warnings: StatisticWarning[]; notComputable: NotComputable | null }
  | { test: null; p: null; warnings: StatisticWarning[]; notComputable: NotComputable };

export interface IndicatorComparison {
  indicator: IndicatorId;
  groups: GroupRate[];
  comparison: GroupTest;
}

/** Between groups: evaluation §5 (Fisher for two groups, chi-square for more). */
export interface GroupComparison {
  asOf: string;
  groupBy: GroupBy;
  indicators: IndicatorComparison[];
}

/**
 * For every indicator, the rate per group and a test of whether the groups differ:
 * Fisher's exact test with the difference in rates and its Newcombe interval for two
 * groups, Pearson's chi-square for more. Groups with no applicable case take no part.
 */
export function compareGroups(report: FidelityReport): GroupComparison {
  return {
    asOf: report.asOf,
    groupBy: report.groupBy,
    indicators: INDICATORS.map((id) => {
      const groups = report.groups.map((g) => ({ key: g.key, ...g.indicators[id] })).map(({ key, applicable, met, rate }) => ({ key, applicable, met, rate }));
      const tested = groups.filter((g) => g.applicable > 0);
      let comparison: GroupTest;
      if (tested.length === 2) {
        const [a, b] = tested;
        const f = fisherExact(a.met, a.applicable - a.met, b.met, b.applicable - b.met);
        const d = proportionDifference(a.met, a.applicable, b.met, b.applicable)!;
        comparison = { test: 'fisher_exact', p: f.p, oddsRatio: f.oddsRatio, difference: d.difference, ci95: d.ci95, warnings: [], notComputable: f.notComputable };
      } else if (tested.length > 2) {
        const c = chiSquareKx2(tested.map((g) => [g.met, g.applicable - g.met]));
        comparison = { test: 'chi_square', statistic: c.statistic, df: c.df, p: c.p, warnings: c.warnings, notComputable: c.notComputable };
      } else {
        comparison = { test: null, p: null, warnings: [], notComputable: notComputable('TOO_FEW', 'fewer than two groups with an applicable case') };
      }
      return { indicator: id, groups, comparison };
    }),
  };
}

/** A case of a comparison: its site and ref (for evaluators, the ref's keyed pseudonym). */
export interface CaseKey {
  site: string;
  ref: string;
}

export interface IndicatorChange {
  indicator: IndicatorId;
  /** cases where the indicator applies at both instants */
  paired: number;
  metBefore: number;
  metAfter: number;
  rateBefore: number | null;
  rateAfter: number | null;
  change: number | null;
  /** how many were met before, not after */
  lost: number;
  /** how many were not met before, met after */
  gained: number;
  /** the cases that lost it, in site and ref order (code point) */
  lostCases: CaseKey[];
  /** the cases that gained it */
  gainedCases: CaseKey[];
  /** McNemar's exact test on the paired outcomes; null when no case is paired */
  p: number | null;
  notComputable: NotComputable | null;
}

/** T1 → T3: the same cases at two instants. */
export interface ChangeComparison {
  asOf: string;
  vsAsOf: string;
  /** cases scored at both instants (matched by site and ref) */
  cases: number;
  indicators: IndicatorChange[];
}

/**
 * The same cases scored at two instants: per indicator, the change, the cases that lost
 * and gained it, and McNemar's exact test. `refOf` says how a case is named in the lists
 * (evaluators get a keyed pseudonym of the ref).
 */
export function compareInstants(before: FidelityReport, after: FidelityReport, refOf: (c: CaseKey) => string = (c) => c.ref): ChangeComparison {
  const later = new Map(after.cases.map((c) => [`${c.site}\u0000${c.ref}`, c]));
  const pairs = before.cases.flatMap((c) => {
    const other = later.get(`${c.site}\u0000${c.ref}`);
    return other ? [[c, other] as const] : [];
  });
  const named = (cases: CaseKey[]) => cases.map((c) => ({ site: c.site, ref: refOf(c) })).sort((a, b) => compareCodePoints(a.site, b.site) || compareCodePoints(a.ref, b.ref));
  return {
    asOf: before.asOf,
    vsAsOf: after.asOf,
    cases: pairs.length,
    indicators: INDICATORS.map((id) => {
      let paired = 0;
      let metBefore = 0;
      let metAfter = 0;
      const lostCases: CaseKey[] = [];
      const gainedCases: CaseKey[] = [];
      for (const [x, y] of pairs) {
        const a = x.indicators[id];
        const b = y.indicators[id];
        if (a === null || b === null) continue;
        paired++;
        if (a) metBefore++;
        if (b) metAfter++;
        if (a && !b) lostCases.push(x);
        if (!a && b) gainedCases.push(x);
      }
      const rateBefore = paired ? metBefore / paired : null;
      const rateAfter = paired ? metAfter / paired : null;
      const test = paired
        ? { p: mcnemarExact(lostCases.length, gainedCases.length).p, notComputable: null }
        : { p: null, notComputable: notComputable('NO_DATA', 'no case where the indicator applies at both instants') };
      return {
        indicator: id,
        paired,
        metBefore,
        metAfter,
        rateBefore,
        rateAfter,
        change: paired ? rateAfter! - rateBefore! : null,
        lost: lostCases.length,
        gained: gainedCases.length,
        lostCases: named(lostCases),
        gainedCases: named(gainedCases),
        ...test,
      };
    }),
  };
}
