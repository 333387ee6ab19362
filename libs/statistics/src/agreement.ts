import { NotComputable, notComputable } from './not-computable';

/** A rater's judgement: any category, `null` counting as a category of its own. */
export type Rating = string | boolean | number | null;

export interface KappaResult {
  /** cases both raters judged */
  n: number;
  /** observed agreement (weighted kappa: weighted by closeness, 1 − distance) */
  observed: number | null;
  /** agreement expected by chance from the raters' own margins, weighted as `observed` */
  expected: number | null;
  /** (observed − expected) / (1 − expected), from the two figures above exactly as reported */
  kappa: number | null;
  notComputable: NotComputable | null;
}

const NO_CASES = notComputable('NO_DATA', 'no cases rated by both');

/** Kappa from observed and expected agreement; 0/0 when chance alone gives full agreement. */
function kappaOf(n: number, observed: number, expected: number): KappaResult {
  if (expected === 1) return { n, observed, expected, kappa: null, notComputable: notComputable('NO_VARIATION', 'both raters gave every case one and the same category') };
  return { n, observed, expected, kappa: (observed - expected) / (1 - expected), notComputable: null };
}

const key = (r: Rating) => (r === null ? '\u0000null' : `${typeof r}:${String(r)}`);

/** Cohen's kappa between two raters over the same cases (fidelity.md §5; `null` is a category). */
export function cohenKappa(pairs: ReadonlyArray<readonly [Rating, Rating]>): KappaResult {
  const n = pairs.length;
  if (n === 0) return { n, observed: null, expected: null, kappa: null, notComputable: NO_CASES };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (key(x) === key(y)) agree++;
    first.set(key(x), (first.get(key(x)) ?? 0) + 1);
    second.set(key(y), (second.get(key(y)) ?? 0) + 1);
  }
  let expected = 0;
  for (const [k, count] of first) expected += (count / n) * ((second.get(k) ?? 0) / n);
  return kappaOf(n, agree / n, expected);
}

/**
 * Weighted kappa for ordered categories (Cohen 1968): agreement weights 1 − |i − j|/(k − 1)
 * (linear) or 1 − (i − j)²/(k − 1)² (quadratic), so a near miss counts partly. Observed and
 * expected agreement are both weighted, and kappa = (observed − expected)/(1 − expected),
 * the same figure as scikit-learn's cohen_kappa_score with weights="linear" or "quadratic".
 */
export function weightedKappa(
  pairs: ReadonlyArray<readonly [string, string]>,
  categories: readonly string[],
  weights: 'linear' | 'quadratic' = 'linear',
): KappaResult {
  const n = pairs.length;
  const k = categories.length;
  if (n === 0) return { n, observed: null, expected: null, kappa: null, notComputable: NO_CASES };
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
  const distance = (i: number, j: number) => (i === j ? 0 : weights === 'linear' ? Math.abs(i - j) / (k - 1) : (i - j) ** 2 / (k - 1) ** 2);
  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observedDisagreement += distance(i, j) * (table[i][j] / n);
      expectedDisagreement += distance(i, j) * ((rows[i] / n) * (cols[j] / n));
    }
  }
  return kappaOf(n, 1 - observedDisagreement, 1 - expectedDisagreement);
}
