/**
 * Why a figure of a statistical result is not a finite number. Every result of this
 * library carries `notComputable`: null when every figure was computed; otherwise the
 * reason, with each figure that cannot be given set to null (JSON has no NaN or ±∞)
 * and each figure that can still be given kept (the mean difference of a t-test whose
 * statistic is infinite, and its p, 0, the limit).
 *
 * - `NO_DATA`: nothing to compute on (no pairs, no cases rated by both raters, no answers).
 * - `TOO_FEW`: fewer than the method needs (one pair, one group, one item, one site).
 * - `NO_VARIATION`: the statistic is 0/0 (every paired difference zero, both raters
 *   using one and the same category throughout, every case with the same outcome).
 * - `INFINITE_STATISTIC`: the statistic is +∞ or −∞ (every paired difference the same
 *   non-zero number; an odds ratio over a zero cell); the message gives its sign.
 */
export const NOT_COMPUTABLE_CODES = ['NO_DATA', 'TOO_FEW', 'NO_VARIATION', 'INFINITE_STATISTIC'] as const;
export type NotComputableCode = (typeof NOT_COMPUTABLE_CODES)[number];

export interface NotComputable {
  code: NotComputableCode;
  /** for people: what follows "not computable: " */
  message: string;
}

export function notComputable(code: NotComputableCode, message: string): NotComputable {
  return { code, message };
}

/** The expected count below which the chi-square approximation is not trusted (Cochran's rule). */
export const SMALL_EXPECTED_COUNT = 5;

/** A result computed, but by an approximation its data may not support. */
export interface SmallExpectedCountWarning {
  code: 'SMALL_EXPECTED_COUNT';
  /** the smallest expected count of the table */
  minExpected: number;
  /** how many cells expect fewer than 5 */
  cells: number;
  totalCells: number;
  /** for people */
  message: string;
}

export type StatisticWarning = SmallExpectedCountWarning;
export const WARNING_CODES = ['SMALL_EXPECTED_COUNT'] as const;

/** True when every value is the same number (exactly, so that a mean of them is that number). */
export function constant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** `+∞` or `−∞`, for messages. */
export const infinity = (sign: number) => (sign > 0 ? '+∞' : '−∞');
