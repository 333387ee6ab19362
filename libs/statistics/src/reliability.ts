import { variance } from './tests';

/**
 * Cronbach's alpha for k items answered by the same respondents (rows: respondents,
 * columns: items), with sample variances (n − 1). Null with fewer than two items or two
 * respondents, or when the total score does not vary.
 */
export function cronbachAlpha(responses: ReadonlyArray<readonly number[]>): number | null {
  const n = responses.length;
  const k = n ? responses[0].length : 0;
  if (n < 2 || k < 2) return null;
  if (responses.some((r) => r.length !== k)) throw new RangeError('every respondent must answer every item');
  const itemVariances = Array.from({ length: k }, (_, j) => variance(responses.map((r) => r[j])));
  const totalVariance = variance(responses.map((r) => r.reduce((s, v) => s + v, 0)));
  if (totalVariance === 0) return null;
  return (k / (k - 1)) * (1 - itemVariances.reduce((s, v) => s + v, 0) / totalVariance);
}

/**
 * T-scores of units against each other: T = 50 + 10 · (x − mean) / sd, sample sd (n − 1)
 * (fidelity.md §5). Null for every unit when there are fewer than two or no spread.
 */
export function tScores(values: readonly number[]): Array<number | null> {
  if (values.length < 2) return values.map(() => null);
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(variance([...values]));
  return values.map((v) => (sd === 0 ? null : 50 + (10 * (v - m)) / sd));
}
