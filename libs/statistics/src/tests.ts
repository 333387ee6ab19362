import { NotComputable, SMALL_EXPECTED_COUNT, StatisticWarning, constant, infinity, notComputable } from './not-computable';
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
  /** sample odds ratio (a·d)/(b·c), as scipy.stats.fisher_exact's statistic; null when infinite or 0/0 */
  oddsRatio: number | null;
  p: number;
  notComputable: NotComputable | null;
}

/**
 * Fisher's exact test, two-sided, on [[a, b], [c, d]]: the probabilities of every table
 * with the same margins that is no more probable than the observed one (relative
 * tolerance 1e-7), summed, as scipy.stats.fisher_exact does. With an empty row or
 * column only one table has those margins, so p is 1.
 */
export function fisherExact(a: number, b: number, c: number, d: number): FisherResult {
  for (const v of [a, b, c, d]) if (!Number.isInteger(v) || v < 0) throw new RangeError('a 2×2 table holds counts');
  if (a + b === 0 || c + d === 0) return { oddsRatio: null, p: 1, notComputable: notComputable('NO_DATA', 'a group has no cases') };
  if (a + c === 0 || b + d === 0) return { oddsRatio: null, p: 1, notComputable: notComputable('NO_VARIATION', 'every case has the same outcome') };
  const { lo, pmf } = hypergeometric(a + b, a + c, a + b + c + d);
  const observed = pmf[a - lo];
  let p = 0;
  for (const q of pmf) if (q <= observed * (1 + 1e-7)) p += q;
  p = Math.min(1, p);
  if (b * c === 0) return { oddsRatio: null, p, notComputable: notComputable('INFINITE_STATISTIC', 'the odds ratio is +∞ (b·c = 0)') };
  return { oddsRatio: (a * d) / (b * c), p, notComputable: null };
}

export interface ChiSquareResult {
  /** null when not computable */
  statistic: number | null;
  /** k − 1 for the k groups with cases; null with fewer than two */
  df: number | null;
  p: number | null;
  /** the expected count of each cell under independence (groups with cases only) */
  expected: number[][];
  /** SMALL_EXPECTED_COUNT when any expected count is below 5 */
  warnings: StatisticWarning[];
  notComputable: NotComputable | null;
}

/**
 * Pearson's chi-square test of independence on a k×2 table (rows: groups; columns:
 * met, not met), no continuity correction, df = k − 1. Rows with no cases are left out.
 * When every case has the same outcome an expected count is 0 and the statistic 0/0
 * (scipy.stats.chi2_contingency refuses such a table): not computable.
 */
export function chiSquareKx2(rows: Array<[number, number]>): ChiSquareResult {
  const used = rows.filter(([x, y]) => x + y > 0);
  const total = used.reduce((s, [x, y]) => s + x + y, 0);
  const colTotals = [used.reduce((s, [x]) => s + x, 0), used.reduce((s, [, y]) => s + y, 0)];
  const expected = used.map(([x, y]) => colTotals.map((c) => ((x + y) * c) / total));
  const none = { statistic: null, p: null, expected, warnings: [] };
  if (used.length < 2) return { ...none, df: null, notComputable: notComputable('TOO_FEW', 'fewer than two groups with cases') };
  const df = used.length - 1;
  if (colTotals[0] === 0 || colTotals[1] === 0) return { ...none, df, notComputable: notComputable('NO_VARIATION', 'every case has the same outcome') };
  let statistic = 0;
  used.forEach((row, i) => row.forEach((o, j) => (statistic += (o - expected[i][j]) ** 2 / expected[i][j])));
  return { statistic, df, p: chiSquareUpperP(statistic, df), expected, warnings: smallExpectedCounts(expected), notComputable: null };
}

/** The warning that the chi-square approximation is doubtful: any expected count below 5. */
function smallExpectedCounts(expected: number[][]): StatisticWarning[] {
  const all = expected.flat();
  const small = all.filter((e) => e < SMALL_EXPECTED_COUNT).length;
  if (!small) return [];
  const minExpected = Math.min(...all);
  return [
    {
      code: 'SMALL_EXPECTED_COUNT',
      minExpected,
      cells: small,
      totalCells: all.length,
      message:
        `${small} of ${all.length} expected counts below ${SMALL_EXPECTED_COUNT} (smallest ${minExpected.toFixed(2)}): ` +
        "the chi-square approximation may be poor; Fisher's exact test is preferable (given when two groups are compared)",
    },
  ];
}

export interface TTestResult {
  /** null when not computable, including when it is infinite (the message gives its sign) */
  t: number | null;
  df: number | null;
  /** 0, its limit, when t is infinite */
  p: number | null;
  /** mean of x minus mean of y (paired: mean of the differences); null with no data */
  meanDifference: number | null;
  notComputable: NotComputable | null;
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
/** sample variance (n − 1) */
export function variance(v: readonly number[]): number {
  const m = mean(v);
  return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
}

/** A t-test whose standard error is 0: t is 0/0 with no difference, ±∞ (p → 0) with one. */
function noSpread(meanDifference: number, df: number | null, equal: string, differ: string): TTestResult {
  if (meanDifference === 0) return { t: null, df, p: null, meanDifference, notComputable: notComputable('NO_VARIATION', `${equal}, so t is 0/0`) };
  const limit = `t is ${infinity(meanDifference)} and p is 0 (its limit)`;
  return { t: null, df, p: 0, meanDifference, notComputable: notComputable('INFINITE_STATISTIC', `${differ} ${meanDifference}: ${limit}`) };
}

/** Paired t-test (scipy.stats.ttest_rel), two-sided. */
export function pairedTTest(x: readonly number[], y: readonly number[]): TTestResult {
  if (x.length !== y.length) throw new RangeError('paired samples must be the same length');
  const diffs = x.map((v, i) => v - y[i]);
  const n = diffs.length;
  if (n === 0) return { t: null, df: null, p: null, meanDifference: null, notComputable: notComputable('NO_DATA', 'no pairs') };
  if (n === 1) return { t: null, df: null, p: null, meanDifference: diffs[0], notComputable: notComputable('TOO_FEW', 'one pair; a t-test needs two or more') };
  if (constant(diffs)) return noSpread(diffs[0], n - 1, 'every paired difference is 0', 'every paired difference is');
  const md = mean(diffs);
  const t = md / Math.sqrt(variance(diffs) / n);
  return { t, df: n - 1, p: studentTwoSidedP(t, n - 1), meanDifference: md, notComputable: null };
}

/** Welch's unequal-variances t-test (scipy.stats.ttest_ind with equal_var=False), two-sided. */
export function welchTTest(x: readonly number[], y: readonly number[]): TTestResult {
  if (!x.length || !y.length) return { t: null, df: null, p: null, meanDifference: null, notComputable: notComputable('NO_DATA', 'a group has no values') };
  const md = mean(x) - mean(y);
  if (x.length < 2 || y.length < 2) return { t: null, df: null, p: null, meanDifference: md, notComputable: notComputable('TOO_FEW', 'a group has one value; a t-test needs two or more in each') };
  // both groups without spread: the degrees of freedom are 0/0 too
  if (constant(x) && constant(y)) return noSpread(x[0] - y[0], null, 'neither group varies and their means are equal', 'neither group varies and their means differ by');
  const vx = variance(x) / x.length;
  const vy = variance(y) / y.length;
  const t = md / Math.sqrt(vx + vy);
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  return { t, df, p: studentTwoSidedP(t, df), meanDifference: md, notComputable: null };
}

export interface McNemarResult {
  b: number;
  c: number;
  p: number;
  /** always null: the exact test is defined for any counts (p = 1 with no discordant pair) */
  notComputable: null;
}

/**
 * McNemar's exact test on paired outcomes: b = changed from met to not met, c = from not
 * met to met; two-sided p = min(1, 2 × P[X ≤ min(b, c)]) for X ~ Binomial(b + c, ½),
 * as statsmodels' mcnemar(exact=True). Exact, so no small-count warning applies.
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  const n = b + c;
  if (n === 0) return { b, c, p: 1, notComputable: null };
  const k = Math.min(b, c);
  let cdf = 0;
  for (let i = 0; i <= k; i++) cdf += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) - n * Math.LN2);
  return { b, c, p: Math.min(1, 2 * cdf), notComputable: null };
}
