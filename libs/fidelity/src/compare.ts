import { chiSquareKx2, fisherExact, mcnemarExact, proportionDifference } from '@mapwork/statistics';
import { INDICATORS, IndicatorId } from './indicators';
import { FidelityReport, GroupBy } from './report';

export interface GroupRate {
  key: string | null;
  applicable: number;
  met: number;
  rate: number | null;
}

export type GroupTest =
  | { test: 'fisher_exact'; p: number; oddsRatio: number | null; difference: number; ci95: [number, number] }
  | { test: 'chi_square'; statistic: number; df: number; p: number };

export interface IndicatorComparison {
  indicator: IndicatorId;
  groups: GroupRate[];
  /** null when fewer than two groups have an applicable case */
  comparison: GroupTest | null;
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
      let comparison: GroupTest | null = null;
      if (tested.length === 2) {
        const [a, b] = tested;
        const f = fisherExact(a.met, a.applicable - a.met, b.met, b.applicable - b.met);
        const d = proportionDifference(a.met, a.applicable, b.met, b.applicable)!;
        comparison = { test: 'fisher_exact', p: f.p, oddsRatio: Number.isFinite(f.oddsRatio) ? f.oddsRatio : null, difference: d.difference, ci95: d.ci95 };
      } else if (tested.length > 2) {
        const c = chiSquareKx2(tested.map((g) => [g.met, g.applicable - g.met]));
        comparison = { test: 'chi_square', statistic: c.statistic, df: c.df, p: c.p };
      }
      return { indicator: id, groups, comparison };
    }),
  };
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
  /** met before, not after */
  lost: number;
  /** not met before, met after */
  gained: number;
  /** McNemar's exact test on the paired outcomes */
  p: number;
}

/** T1 → T3: the same cases at two instants. */
export interface ChangeComparison {
  asOf: string;
  vsAsOf: string;
  /** cases scored at both instants (matched by site and ref) */
  cases: number;
  indicators: IndicatorChange[];
}

/** The same cases scored at two instants: per indicator, the change and McNemar's exact test. */
export function compareInstants(before: FidelityReport, after: FidelityReport): ChangeComparison {
  const later = new Map(after.cases.map((c) => [`${c.site}\u0000${c.ref}`, c]));
  const pairs = before.cases.flatMap((c) => {
    const other = later.get(`${c.site}\u0000${c.ref}`);
    return other ? [[c, other] as const] : [];
  });
  return {
    asOf: before.asOf,
    vsAsOf: after.asOf,
    cases: pairs.length,
    indicators: INDICATORS.map((id) => {
      let paired = 0;
      let metBefore = 0;
      let metAfter = 0;
      let lost = 0;
      let gained = 0;
      for (const [x, y] of pairs) {
        const a = x.indicators[id];
        const b = y.indicators[id];
        if (a === null || b === null) continue;
        paired++;
        if (a) metBefore++;
        if (b) metAfter++;
        if (a && !b) lost++;
        if (!a && b) gained++;
      }
      const rateBefore = paired ? metBefore / paired : null;
      const rateAfter = paired ? metAfter / paired : null;
      return {
        indicator: id,
        paired,
        metBefore,
        metAfter,
        rateBefore,
        rateAfter,
        change: paired ? rateAfter! - rateBefore! : null,
        lost,
        gained,
        p: mcnemarExact(lost, gained).p,
      };
    }),
  };
}
