import { Axis } from './axis';
import { Datum, checkDatum } from './bar';
import { labelText } from './escape';
import { Chart, ChartOptions, checkOptions, checkValue, chartTable, describe, intervalText, notApplicable, plotRange, renderFrame, valueText, whisker } from './frame';
import { BACKGROUND, SERIES_STYLES } from './palette';
import { element } from './svg';

export interface IntervalCategory extends Datum {
  label: string;
  cells?: string[];
}

export interface IntervalChartOptions extends ChartOptions {
  axis: Axis;
  categories: IntervalCategory[];
  /** the value drawn as a dark line through every row (default 0 when the axis holds it; null for none), e.g. 50 for T-scores */
  reference?: number | null;
  /** words under the two ends of the axis, e.g. ["← higher in P9", "higher in P8 →"] */
  directions?: readonly [string, string];
  valueHeader?: string;
  intervalHeader?: string;
}

const BODY = 16;

/**
 * A dot for each value with its interval as a line, against a reference line: the
 * difference between two sites' rates with its Newcombe interval against zero,
 * T-scores against 50, mean scores on an instrument's own scale. Each value's text
 * is set at the right of its label.
 */
export function intervalChart(o: IntervalChartOptions): Chart {
  const width = checkOptions(o);
  const { axis } = o;
  o.categories.forEach((c, i) => checkDatum(c, `categories[${i}]`));
  const reference = o.reference === undefined ? (axis.min <= 0 && axis.max >= 0 ? 0 : null) : o.reference;
  if (reference !== null) checkValue(reference, 'reference');
  const plot = plotRange(axis, width);
  const texts = o.categories.map((c) => valueText(axis, c.value, c.text));
  const dot = SERIES_STYLES[0].colour;
  const svg = renderFrame({
    options: o,
    width,
    axis,
    plot,
    reference,
    directions: o.directions,
    description: describe(
      o,
      `Dot and interval chart of ${o.categories.length} categories: a dot for each value and a line for its interval${reference !== null ? `, against a line at ${axis.format(reference)}` : ''}`,
      axis,
    ),
    rows: o.categories.map((c, i) => ({
      label: labelText(c.label),
      note: texts[i],
      bodyHeight: BODY,
      empty: c.value === null,
      marks: (top: number) => {
        const middle = top + BODY / 2;
        if (c.value === null) return notApplicable(plot.left, middle, texts[i]);
        return (c.interval ? whisker(plot, axis, c.interval, middle) : '') + element('circle', { cx: plot.x(c.value), cy: middle, r: 5.5, fill: dot, stroke: BACKGROUND, 'stroke-width': 1.5, class: 'app-chart__dot' });
      },
    })),
  });
  const withIntervals = o.categories.some((c) => c.interval);
  const table = chartTable(
    o,
    [o.valueHeader ?? 'Value', ...(withIntervals ? [o.intervalHeader ?? '95 % interval'] : [])],
    o.categories.map((c, i) => ({ label: labelText(c.label), cells: [texts[i], ...(withIntervals ? [intervalText(axis, c.interval)] : [])], extra: c.cells })),
  );
  return { svg, table };
}
