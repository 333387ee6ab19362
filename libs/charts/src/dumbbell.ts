import { Axis } from './axis';
import { labelText } from './escape';
import { Chart, ChartOptions, LegendItem, checkOptions, checkValue, chartTable, describe, notApplicable, plotRange, renderFrame, valueText } from './frame';
import { BACKGROUND, GRID, SECONDARY_INK, SERIES_STYLES } from './palette';
import { element, num } from './svg';

export interface ChangeCategory {
  label: string;
  from: number | null;
  to: number | null;
  /** set at the right of the label (default "from → to" in the axis's format: keep it short, the table has room) */
  text?: string;
  /** the two values' texts in the table (default: the axis's format) */
  fromText?: string;
  toText?: string;
  cells?: string[];
}

export interface ChangeChartOptions extends ChartOptions {
  axis: Axis;
  /** the two instants or frames, e.g. { name: 'T1 (30 Jun 2019)' } */
  from: { name: string };
  to: { name: string };
  categories: ChangeCategory[];
  /** header of the change column of the table, default "Change" */
  changeHeader?: string;
  /** text of a change in the table (default: the axis's difference format) */
  formatChange?: (change: number) => string;
}

const BODY = 16;
const R = 5.5;

const hollow = (x: number, y: number) => element('circle', { cx: x, cy: y, r: R + 1, fill: BACKGROUND, stroke: SECONDARY_INK, 'stroke-width': 2, class: 'app-chart__from' });
const filled = (x: number, y: number) => element('circle', { cx: x, cy: y, r: R - 1, fill: SERIES_STYLES[0].colour, stroke: BACKGROUND, 'stroke-width': 1, class: 'app-chart__to' });

/**
 * Each category's value at two instants (T1 → T3) or in two frames (hoped for →
 * actual): a hollow circle for the first, a filled one for the second, joined by a line.
 * The shapes, not only the colours, tell them apart.
 */
export function changeChart(o: ChangeChartOptions): Chart {
  const width = checkOptions(o);
  const { axis } = o;
  o.categories.forEach((c, i) => {
    checkValue(c.from, `categories[${i}].from`);
    checkValue(c.to, `categories[${i}].to`);
  });
  const plot = plotRange(axis, width);
  const [fromName, toName] = [labelText(o.from.name), labelText(o.to.name)];
  const legend: LegendItem[] = [
    { label: fromName, swatchWidth: 2 * R + 2, swatch: (x, middle) => hollow(x + R + 1, middle) },
    { label: toName, swatchWidth: 2 * R + 2, swatch: (x, middle) => filled(x + R + 1, middle) },
  ];
  const fromTexts = o.categories.map((c) => c.fromText ?? valueText(axis, c.from, undefined));
  const toTexts = o.categories.map((c) => c.toText ?? valueText(axis, c.to, undefined));
  const changeTexts = o.categories.map((c) => (c.from === null || c.to === null ? '' : (o.formatChange ?? axis.formatDifference ?? axis.format)(c.to - c.from)));
  const svg = renderFrame({
    options: o,
    width,
    axis,
    plot,
    legend,
    description: describe(o, `Chart of ${o.categories.length} categories, each with its value at ${fromName} as a hollow circle and at ${toName} as a filled circle, joined by a line`, axis),
    rows: o.categories.map((c, i) => ({
      label: labelText(c.label),
      note: c.text ?? `${valueText(axis, c.from, undefined)} \u2192 ${valueText(axis, c.to, undefined)}`,
      bodyHeight: BODY,
      empty: c.from === null && c.to === null,
      marks: (top: number) => {
        const middle = top + BODY / 2;
        if (c.from === null && c.to === null) return notApplicable(plot.left, middle);
        const parts: string[] = [];
        if (c.from !== null && c.to !== null) parts.push(element('path', { d: `M${num(plot.x(c.from))} ${num(middle)}H${num(plot.x(c.to))}`, stroke: GRID, 'stroke-width': 3, fill: 'none' }));
        if (c.from !== null) parts.push(hollow(plot.x(c.from), middle));
        if (c.to !== null) parts.push(filled(plot.x(c.to), middle));
        return parts.join('');
      },
    })),
  });
  const table = chartTable(
    o,
    [fromName, toName, o.changeHeader ?? 'Change'],
    o.categories.map((c, i) => ({ label: labelText(c.label), cells: [fromTexts[i], toTexts[i], changeTexts[i]], extra: c.cells })),
  );
  return { svg, table };
}
