/** Unicode minus, the sign typesetters use: "−12" rather than a hyphen. */
const MINUS = '\u2212';
/** No-break space between a number and its unit, so "83 %" never breaks across lines. */
const NBSP = '\u00a0';

/** 0.8333 → "83 %" (to `decimals` places). */
export function formatPercent(proportion: number, decimals = 0): string {
  return `${signed(proportion * 100, decimals, false)}${NBSP}%`;
}

/** A rate with its counts: 5 of 6 → "83 % (5/6)"; none applicable → "n/a". */
export function formatRate(met: number, applicable: number): string {
  return applicable ? `${formatPercent(met / applicable)} (${met}/${applicable})` : NOT_APPLICABLE;
}

/** A difference of proportions in percentage points: 0.4 → "+40 pp", −0.125 → "−13 pp". */
export function formatPercentagePoints(difference: number, decimals = 0): string {
  return `${signed(difference * 100, decimals, true)}${NBSP}pp`;
}

/** A number to `decimals` places with a Unicode minus: −1.5 → "−1.50" at 2. */
export function formatNumber(value: number, decimals = 0): string {
  return signed(value, decimals, false);
}

function signed(value: number, decimals: number, plus: boolean): string {
  const text = Math.abs(value).toFixed(decimals);
  const zero = Number(text) === 0;
  return (zero ? '' : value < 0 ? MINUS : plus ? '+' : '') + text;
}

/** What a chart prints for a value that does not apply (no applicable cases, no responses). */
export const NOT_APPLICABLE = 'n/a';
