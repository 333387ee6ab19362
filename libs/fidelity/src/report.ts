import { compareCodePoints } from '@mapwork/kernel/string-order';
import { wilsonInterval } from '@mapwork/statistics';
import { INDICATORS, IndicatorId, IndicatorSet } from './indicators';
import { FidelityCase } from './input';
import { AsOf, parseAsOf, scoreCase } from './score-case';

export const GROUP_BY = ['site', 'team', 'worker'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface CaseFidelity {
  ref: string;
  site: string;
  team: string | null;
  worker: string | null;
  indicators: IndicatorSet;
  fidelity_index: number;
  depth_index: number | null;
}

export interface IndicatorFigures {
  applicable: number;
  met: number;
  rate: number | null;
  ci95: [number, number] | null;
}

export interface GroupFidelity {
  key: string | null;
  cases: number;
  indicators: Record<IndicatorId, IndicatorFigures>;
  fidelity_index: { mean: number | null; median: number | null };
}

/** A fidelity report: fidelity.md section 6. */
export interface FidelityReport {
  asOf: string;
  groupBy: GroupBy;
  cases: CaseFidelity[];
  groups: GroupFidelity[];
}

/** Whether a case existed at asOf: opened on or before the as-of date. */
export function isScored(c: FidelityCase, asOf: AsOf): boolean {
  return c.openedOn <= asOf.date;
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Figures for a set of cases (a site, a team, a caseload, an audit sample): fidelity.md section 4. */
export function groupFigures(key: string | null, cases: readonly CaseFidelity[]): GroupFidelity {
  const indicators = {} as Record<IndicatorId, IndicatorFigures>;
  for (const id of INDICATORS) {
    let applicable = 0;
    let met = 0;
    for (const c of cases) {
      const v = c.indicators[id];
      if (v === null) continue;
      applicable++;
      if (v) met++;
    }
    indicators[id] = { applicable, met, rate: applicable ? met / applicable : null, ci95: wilsonInterval(met, applicable) };
  }
  const indices = cases.map((c) => c.fidelity_index).filter((v): v is number => v !== null);
  return { key, cases: cases.length, indicators, fidelity_index: { mean: mean(indices), median: median(indices) } };
}

/** Groups in key order by code point, the null group last; only keys with scored cases. */
export function groupCases(cases: readonly CaseFidelity[], groupBy: GroupBy): GroupFidelity[] {
  const byKey = new Map<string | null, CaseFidelity[]>();
  for (const c of cases) {
    const key = c[groupBy] ?? null;
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const keys = [...byKey.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : compareCodePoints(a, b)));
  return keys.map((k) => groupFigures(k, byKey.get(k)!));
}

/**
 * Scores cases one at a time and keeps only their scores, so a report over any number
 * of cases read from a stream needs memory for the scores alone.
 */
export class FidelityScorer {
  private readonly asOf: AsOf;
  private readonly scored: CaseFidelity[] = [];

  /** throws InvalidAsOfError on an instant that is not one */
  constructor(
    asOf: string,
    private readonly groupBy: GroupBy = 'site',
  ) {
    this.asOf = parseAsOf(asOf);
  }

  /** Scores a case (when it was open at asOf) and returns its score, which may still be relabelled. */
  add(c: FidelityCase): CaseFidelity | null {
    if (!isScored(c, this.asOf)) return null;
    const score: CaseFidelity = { ref: c.ref, site: c.site, team: c.team ?? null, worker: c.worker ?? null, ...scoreCase(c, this.asOf) };
    this.scored.push(score);
    return score;
  }

  report(): FidelityReport {
    return { asOf: this.asOf.instant, groupBy: this.groupBy, cases: this.scored, groups: groupCases(this.scored, this.groupBy) };
  }
}

/** The whole report for cases as they stood at `asOf` (throws InvalidAsOfError on a bad instant). */
export function fidelityReport(cases: Iterable<FidelityCase>, options: { asOf: string; groupBy?: GroupBy }): FidelityReport {
  const scorer = new FidelityScorer(options.asOf, options.groupBy);
  for (const c of cases) scorer.add(c);
  return scorer.report();
}
