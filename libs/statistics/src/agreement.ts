/** A rater's judgement: any category, `null` counting as a category of its own. */
export type Rating = string | boolean | number | null;

export interface KappaResult {
  /** cases both raters judged */
  n: number;
  /** observed agreement: share of cases where the two agree */
  observed: number | null;
  /** agreement expected by chance from the raters' own margins */
  expected: number | null;
  /** Cohen's kappa; null when expected agreement is 1 (or no cases) */
  kappa: number | null;
}

const key = (r: Rating) => (r === null ? '\u0000null' : `${typeof r}:${String(r)}`);

/** Cohen's kappa between two raters over the same cases (fidelity.md §5; `null` is a category). */
export function cohenKappa(pairs: ReadonlyArray<readonly [Rating, Rating]>): KappaResult {
  const n = pairs.length;
  if (n === 0) return { n, observed: null, expected: null, kappa: null };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (key(x) === key(y)) agree++;
    first.set(key(x), (first.get(key(x)) ?? 0) + 1);
    second.set(key(y), (second.get(key(y)) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [k, count] of first) expected += (count / n) * ((second.get(k) ?? 0) / n);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { n, observed, expected, kappa };
}

/**
 * Weighted kappa for ordered categories (scikit-learn's cohen_kappa_score with
 * weights="linear" or "quadratic"): disagreements cost by their distance.
 */
export function weightedKappa(
  pairs: ReadonlyArray<readonly [string, string]>,
  categories: readonly string[],
  weights: 'linear' | 'quadratic' = 'linear',
): KappaResult {
  const n = pairs.length;
  const k = categories.length;
  if (n === 0) return { n, observed: null, expected: null, kappa: null };
  const index = new Map(categories.map((c, i) => [c, i]));
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [x, y] of pairs) {
    const i = index.get(x);
    const j = index.get(y);
    if (i === undefined || j === undefined) throw new RangeError(`not one of the ordered categories: ${i === undefined ? x : y}`);
    table[i][j]++;
  }
  const rows = table.map((r) => r.reduce((s, v) => s + v, 0));
  const cols = categories.map((_, j) => table.reduce((s, r) => s + r[j], 0));
  const w = (i: number, j: number) => (weights === 'linear' ? Math.abs(i - j) : (i - j) ** 2) / (weights === 'linear' ? k - 1 : (k - 1) ** 2);
  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observedDisagreement += w(i, j) * (table[i][j] / n);
      expectedDisagreement += w(i, j) * ((rows[i] / n) * (cols[j] / n));
    }
  }
  const observed = table.reduce((s, r, i) => s + r[i], 0) / n;
  const kappa = expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
  return { n, observed, expected: 1 - expectedDisagreement, kappa };
}
