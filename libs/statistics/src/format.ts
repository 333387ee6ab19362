import { NotComputable } from './not-computable';

/** Rates, intervals and statistics rounded to 3 decimals for people; JSON keeps every digit. */
export function round3(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : value.toFixed(3);
}

/**
 * A p-value for people, the one form every text, HTML and CSV output uses: `< 0.001`
 * below 0.001 (never `0.000`), otherwise 3 decimals. JSON keeps the number.
 */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "not computable: no pairs" */
export function notComputableText(reason: NotComputable): string {
  return `not computable: ${reason.message}`;
}
