import { Axis } from './axis';
import { labelText } from './escape';
import {
  Chart, ChartOptions, FONT, HALO, Interval, LegendItem, PlotRange, checkInterval, checkOptions, checkValue, chartTable, describe, fitText, gutterFor, intervalText,
  notApplicable, plotRange, renderFrame, seriesFill, valueText, whisker,
} from './frame';
import { INK, SERIES_STYLES } from './palette';
import { element } from './svg';

/** One value of a category: null where it does not apply. */
export interface Datum {
  value: number | null;
  /** e.g. the Wilson 95 % interval of a rate, or mean ± SD */
  interval?: Interval | null;
  /** printed at the end of the bar and in the table (default: the axis's format of the value, or "n/a") */
  text?: string;
}

export interface BarCategory extends Datum {
  label: string;
  /** cells of the extra table columns */
  cells?: string[];
}

export interface BarChartOptions extends ChartOptions {
  axis: Axis;
  categories: BarCategory[];
  /** header of the value column of the table, default "Value" */
  valueHeader?: string;
  /** header of the interval column (shown when any category has an interval), default "95 % interval" */
  intervalHeader?: string;
}

export interface Series {
  /** e.g. a site, a team, "This round", "T1 (30 Jun 2019)" */
  name: string;
}

export interface GroupedCategory {
  label: string;
  /** one per series, in the series' order */
  values: Datum[];
  cells?: string[];
}

export interface GroupedBarChartOptions extends Omit<BarChartOptions, 'categories' | 'valueHeader'> {
  series: Series[];
  categories: GroupedCategory[];
}

export function checkDatum(d: Datum, where: string): void {
  checkValue(d.value, where);
  checkInterval(d.interval, where);
}

/** Bars measure from zero: an axis without it would make their lengths lie. */
function checkZeroBased(axis: Axis): void {
  if (axis.min > 0 || axis.max < 0) throw new RangeError("a bar chart's axis includes 0 (for scores on a scale that starts elsewhere, use intervalChart)");
}

/** The right end of a value's marks (bar or whisker), where its text starts. */
function marksEnd(x: (v: number) => number, d: Datum): number {
  return Math.max(x(0), d.value === null ? x(0) : x(d.value), d.interval ? x(d.interval[1]) : -Infinity);
}

interface BarSize {
  height: number;
  gap: number;
  fontSize: number;
}
const SINGLE: BarSize = { height: 18, gap: 0, fontSize: FONT.value };
const GROUPED: BarSize = { height: 14, gap: 3, fontSize: FONT.tick };
const SWATCH = 18;

/** A bar from zero to the value, with its whisker and its text. */
function barMarks(id: string, series: number, axis: Axis, plot: PlotRange, d: Datum, top: number, size: BarSize, textRoom: number): string {
  const middle = top + size.height / 2;
  const text = valueText(axis, d.value, d.text);
  if (d.value === null) return notApplicable(plot.x(0) + 4, middle, text);
  const [a, b] = [plot.x(0), plot.x(d.value)];
  const { fill, stroke } = seriesFill(id, series);
  const parts = [element('rect', { x: Math.min(a, b), y: top, width: Math.abs(b - a), height: size.height, fill, stroke, 'stroke-width': 1, class: 'app-chart__bar' })];
  if (d.interval) parts.push(whisker(plot, axis, d.interval, middle, size.height / 2 - 2, stroke));
  parts.push(fitText(text, textRoom, size.fontSize, { x: marksEnd(plot.x, d) + 6, y: middle + size.fontSize * 0.36, fill: INK, ...HALO, class: 'app-chart__value' }));
  return parts.join('');
}

/** Both bar charts: one bar per series in each category; a legend when there is more than one series or it is named. */
function bars(o: GroupedBarChartOptions, categories: GroupedCategory[], columnHeaders: string[] | null): Chart {
  const width = checkOptions(o);
  const { axis } = o;
  checkZeroBased(axis);
  const n = o.series.length;
  if (n < 1 || n > SERIES_STYLES.length) throw new RangeError(`a grouped bar chart has 1 to ${SERIES_STYLES.length} series (more: one bar chart per series)`);
  categories.forEach((c, i) => {
    if (c.values.length !== n) throw new RangeError(`categories[${i}]: one value per series (${n})`);
    c.values.forEach((d, j) => checkDatum(d, `categories[${i}].values[${j}]`));
  });
  const size = columnHeaders ? SINGLE : GROUPED;
  const texts = categories.map((c) => c.values.map((d) => valueText(axis, d.value, d.text)));
  const gutter = gutterFor(texts.flat(), size.fontSize, width);
  const plot = plotRange(axis, width, gutter);
  const fills = o.series.map((_, j) => seriesFill(o.id, j));
  const names = o.series.map((s) => labelText(s.name));
  const legend: LegendItem[] | undefined = columnHeaders
    ? undefined
    : names.map((label, j) => ({
        label,
        swatchWidth: SWATCH,
        swatch: (x: number, middle: number) => element('rect', { x, y: middle - 7, width: SWATCH, height: 14, fill: fills[j].fill, stroke: fills[j].stroke, 'stroke-width': 1 }),
      }));
  const withIntervals = categories.some((c) => c.values.some((d) => d.interval));
  const kind = columnHeaders
    ? `Horizontal bar chart of ${categories.length} categories${withIntervals ? ', each with its interval as a line across the bar end' : ''}`
    : `Horizontal bar chart of ${categories.length} categories, each with one bar for each of ${n} series: ${names.join(', ')}, in that order${withIntervals ? '; intervals are lines across the bar ends' : ''}`;
  const svg = renderFrame({
    options: o,
    width,
    axis,
    plot,
    reference: 0,
    legend,
    description: describe(o, kind, axis),
    defs: fills.map((f) => f.def).join(''),
    rows: categories.map((c) => ({
      label: labelText(c.label),
      bodyHeight: n * size.height + (n - 1) * size.gap,
      empty: c.values.every((d) => d.value === null),
      marks: (top: number) => c.values.map((d, j) => barMarks(o.id, j, axis, plot, d, top + j * (size.height + size.gap), size, gutter - 6)).join(''),
    })),
  });
  const intervalHeader = o.intervalHeader ?? '95 % interval';
  const columns = columnHeaders ?? names.flatMap((name) => (withIntervals ? [name, `${name}: ${intervalHeader}`] : [name]));
  const table = chartTable(
    o,
    withIntervals && columnHeaders ? [...columnHeaders, intervalHeader] : columns,
    categories.map((c, i) => ({
      label: labelText(c.label),
      cells: c.values.flatMap((d, j) => (withIntervals ? [texts[i][j], intervalText(axis, d.interval)] : [texts[i][j]])),
      extra: c.cells,
    })),
  );
  return { svg, table };
}

/**
 * Horizontal bars, one per category, each with its value printed at its end and, where
 * given, an interval whisker: indicator rates with Wilson intervals, counts of grades,
 * mean scores with their SDs.
 */
export function barChart(o: BarChartOptions): Chart {
  const categories = o.categories.map((c) => ({ label: c.label, values: [c], cells: c.cells }));
  return bars({ ...o, series: [{ name: o.valueHeader ?? 'Value' }], categories }, categories, [o.valueHeader ?? 'Value']);
}

/**
 * Horizontal bars for several series per category (sites, teams, this round and the
 * previous one, T1 and T3): each series its own colour and fill pattern, named in a
 * legend, each bar with its value at its end and, where given, an interval whisker.
 */
export function groupedBarChart(o: GroupedBarChartOptions): Chart {
  return bars(o, o.categories, null);
}
