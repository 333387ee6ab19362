import { formatNumber, formatPercent, formatPercentagePoints } from './format';
import { niceTicks } from './ticks';

/** A value axis: its range, where ticks go and how values read. */
export interface Axis {
  min: number;
  max: number;
  ticks: number[];
  /** tick labels, and the default text of a value */
  format: (value: number) => string;
  /** text of a difference between two values on this axis (rates: percentage points) */
  formatDifference?: (difference: number) => string;
  /** what the axis measures, printed under it, e.g. "Cases where the indicator is met" */
  title?: string;
}

/** Rates (proportions 0–1) shown as 0–100 % with ticks at every quarter. */
export function rateAxis(title?: string): Axis {
  return { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], format: (v) => formatPercent(v), formatDifference: (d) => formatPercentagePoints(d), title };
}

/** Differences of two proportions (−1 to 1) in percentage points, with zero in the middle. */
export function differenceAxis(title?: string): Axis {
  return { min: -1, max: 1, ticks: [-1, -0.5, 0, 0.5, 1], format: (v) => formatPercentagePoints(v), formatDifference: (d) => formatPercentagePoints(d), title };
}

export interface NumberAxisOptions {
  title?: string;
  /** fixed ends (e.g. an instrument's scale); otherwise the data's range rounded out to nice ticks */
  min?: number;
  max?: number;
  /** bars measure from zero, so their axis must include it */
  includeZero?: boolean;
  /** decimals of tick labels and default value texts (default: as many as the tick step needs) */
  decimals?: number;
  maxTicks?: number;
}

/**
 * A numeric axis with nice ticks over every value and interval end the chart will show
 * (counts, means, T-scores). Fixed ends are kept exactly and ticks fall inside them.
 */
export function numberAxis(values: readonly number[], options: NumberAxisOptions = {}): Axis {
  const finite = values.filter(Number.isFinite);
  if (options.includeZero) finite.push(0);
  const lo = options.min ?? (finite.length ? Math.min(...finite) : 0);
  const hi = options.max ?? (finite.length ? Math.max(...finite) : 1);
  let ticks = niceTicks(lo, hi, options.maxTicks);
  const min = options.min ?? ticks[0];
  const max = options.max ?? ticks[ticks.length - 1];
  if (!(min < max)) throw new RangeError(`axis min (${min}) must be below max (${max})`);
  ticks = ticks.filter((t) => t >= min - 1e-9 && t <= max + 1e-9);
  const decimals = options.decimals ?? Math.max(0, ...ticks.map((t) => (String(t).split('.')[1] ?? '').length));
  return { min, max, ticks, format: (v) => formatNumber(v, decimals), formatDifference: (d) => (d > 0 ? '+' : '') + formatNumber(d, decimals), title: options.title };
}

/** Maps a value to a position, values outside the axis held at its ends. */
export function positionOn(axis: Axis, left: number, right: number): (value: number) => number {
  return (value) => {
    const v = Math.min(axis.max, Math.max(axis.min, value));
    return left + ((v - axis.min) / (axis.max - axis.min)) * (right - left);
  };
}
