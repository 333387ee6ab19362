import { chiSquareUpperP, logGamma, studentTwoSidedP } from './special';

/** Hypergeometric probabilities of the first cell of a 2×2 table with fixed margins, as an array over its range. */
function hypergeometric(rowA: number, colA: number, total: number): { lo: number; pmf: number[] } {
  const lo = Math.max(0, colA - (total - rowA));
  const hi = Math.min(rowA, colA);
  const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  const logDenominator = logChoose(total, colA);
  const pmf: number[] = [];
  for (let x = lo; x <= hi; x++) pmf.push(Math.exp(logChoose(rowA, x) + logChoose(total - rowA, colA - x) - logDenominator));
  return { lo, pmf };
}

export interface FisherResult {
  /** sample odds ratio (a·d)/(b·c), as scipy.stats.fisher_exact's statistic */
  oddsRatio: number;
  p: number;
}

/**
 * Fisher's exact test, two-sided, on [[a, b], [c, d]]: the probabilities of every table
 * with the same margins that is no more probable than the observed one (relative
 * tolerance 1e-7), summed, as scipy.stats.fisher_exact does.
 */
export function fisherExact(a: number, b: number, c: number, d: number): FisherResult {
  for (const v of [a, b, c, d]) if (!Number.isInteger(v) || v < 0) throw new RangeError('a 2×2 table holds counts');
  const oddsRatio = b * c === 0 ? (a * d === 0 ? NaN : Infinity) : (a * d) / (b * c);
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return { oddsRatio, p: 1 };
  const { lo, pmf } = hypergeometric(a + b, a + c, a + b + c + d);
  const observed = pmf[a - lo];
  let p = 0;
  for (const q of pmf) if (q <= observed * (1 + 1e-7)) p += q;
  return { oddsRatio, p: Math.min(1, p) };
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  p: number;
  /** the expected count of each cell under independence */
  expected: number[][];
}

/**
 * Pearson's chi-square test of independence on a k×2 table (rows: groups; columns:
 * met, not met), no continuity correction, df = k − 1. Rows with no cases are left out.
 */
export function chiSquareKx2(rows: Array<[number, number]>): ChiSquareResult {
  const used = rows.filter(([x, y]) => x + y > 0);
  const total = used.reduce((s, [x, y]) => s + x + y, 0);
  const colTotals = [used.reduce((s, [x]) => s + x, 0), used.reduce((s, [, y]) => s + y, 0)];
  const df = used.length - 1;
  const expected = used.map(([x, y]) => colTotals.map((c) => ((x + y) * c) / total));
  if (df < 1 || colTotals[0] === 0 || colTotals[1] === 0) return { statistic: 0, df: Math.max(df, 0), p: 1, expected };
  let statistic = 0;
  used.forEach((row, i) => row.forEach((o, j) => (statistic += (o - expected[i][j]) ** 2 / expected[i][j])));
  return { statistic, df, p: chiSquareUpperP(statistic, df), expected };
}

export interface TTestResult {
  t: number;
  df: number;
  p: number;
  /** mean of x minus mean of y (paired: mean of the differences) */
  meanDifference: number;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
/** sample variance (n − 1) */
export function variance(v: number[]): number {
  const m = mean(v);
  return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
}

/** Paired t-test (scipy.stats.ttest_rel), two-sided; NaN statistics when fewer than two pairs or no variation. */
export function pairedTTest(x: number[], y: number[]): TTestResult {
  if (x.length !== y.length) throw new RangeError('paired samples must be the same length');
  const diffs = x.map((v, i) => v - y[i]);
  const n = diffs.length;
  const md = n ? mean(diffs) : NaN;
  if (n < 2) return { t: NaN, df: n - 1, p: NaN, meanDifference: md };
  const se = Math.sqrt(variance(diffs) / n);
  const t = md / se;
  return { t, df: n - 1, p: se === 0 ? (md === 0 ? NaN : 0) : studentTwoSidedP(t, n - 1), meanDifference: md };
}

/** Welch's unequal-variances t-test (scipy.stats.ttest_ind with equal_var=False), two-sided. */
export function welchTTest(x: number[], y: number[]): TTestResult {
  const md = mean(x) - mean(y);
  if (x.length < 2 || y.length < 2) return { t: NaN, df: NaN, p: NaN, meanDifference: md };
  const vx = variance(x) / x.length;
  const vy = variance(y) / y.length;
  const se = Math.sqrt(vx + vy);
  const t = md / se;
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  return { t, df, p: se === 0 ? (md === 0 ? NaN : 0) : studentTwoSidedP(t, df), meanDifference: md };
}

/**
 * McNemar's exact test on paired outcomes: b = changed from met to not met, c = from not
 * met to met; two-sided p = min(1, 2 × P[X ≤ min(b, c)]) for X ~ Binomial(b + c, ½),
 * as statsmodels' mcnemar(exact=True).
 */
export function mcnemarExact(b: number, c: number): { b: number; c: number; p: number } {
  const n = b + c;
  if (n === 0) return { b, c, p: 1 };
  const k = Math.min(b, c);
  let cdf = 0;
  for (let i = 0; i <= k; i++) cdf += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) - n * Math.LN2);
  return { b, c, p: Math.min(1, 2 * cdf) };
}
