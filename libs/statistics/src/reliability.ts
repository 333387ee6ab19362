import { NotComputable, constant, notComputable } from './not-computable';
import { variance } from './tests';

export interface CronbachAlphaResult {
  /** null when not computable */
  alpha: number | null;
  respondents: number;
  items: number;
  notComputable: NotComputable | null;
}

/**
 * Cronbach's alpha for k items answered by the same respondents (rows: respondents,
 * columns: items), with sample variances (n − 1). Not computable with fewer than two items
 * or two respondents, or when every respondent's total is the same (0/0 when no item
 * varies either; −∞ when items vary but cancel out).
 */
export function cronbachAlpha(responses: ReadonlyArray<readonly number[]>): CronbachAlphaResult {
  const n = responses.length;
  const k = n ? responses[0].length : 0;
  const result = (alpha: number | null, reason: NotComputable | null) => ({ alpha, respondents: n, items: k, notComputable: reason });
  if (n === 0) return result(null, notComputable('NO_DATA', 'no respondent answered every item'));
  if (responses.some((r) => r.length !== k)) throw new RangeError('every respondent must answer every item');
  if (k < 2) return result(null, notComputable('TOO_FEW', 'fewer than two items'));
  if (n < 2) return result(null, notComputable('TOO_FEW', 'one respondent; alpha needs two or more'));
  const totals = responses.map((r) => r.reduce((s, v) => s + v, 0));
  const itemVariances = Array.from({ length: k }, (_, j) => variance(responses.map((r) => r[j])));
  if (constant(totals)) {
    return itemVariances.every((v) => v === 0)
      ? result(null, notComputable('NO_VARIATION', 'every respondent gave the same answers, so alpha is 0/0'))
      : result(null, notComputable('INFINITE_STATISTIC', "the items vary but every respondent's total is the same: alpha is −∞"));
  }
  return result((k / (k - 1)) * (1 - itemVariances.reduce((s, v) => s + v, 0) / variance(totals)), null);
}

export interface TScoresResult {
  /** per unit, in the order given; all null when not computable */
  t: Array<number | null>;
  notComputable: NotComputable | null;
}

/**
 * T-scores of units against each other: T = 50 + 10 · (x − mean) / sd, sample sd (n − 1)
 * (fidelity.md §5). Not computable with fewer than two units or when they are all equal.
 */
export function tScores(values: readonly number[]): TScoresResult {
  const none = (reason: NotComputable) => ({ t: values.map(() => null), notComputable: reason });
  if (values.length === 0) return none(notComputable('NO_DATA', 'no units to compare'));
  if (values.length < 2) return none(notComputable('TOO_FEW', 'one unit; T-scores compare two or more'));
  if (constant(values)) return none(notComputable('NO_VARIATION', 'every unit has the same mean'));
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(variance(values));
  return { t: values.map((v) => 50 + (10 * (v - m)) / sd), notComputable: null };
}
