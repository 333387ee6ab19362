import { Axis, positionOn } from './axis';
import { labelText } from './escape';
import { NOT_APPLICABLE } from './format';
import { BACKGROUND, GRID, INK, PATTERNS, SECONDARY_INK, SERIES_STYLES, contrastRatio } from './palette';
import { element, num, textElement } from './svg';
import { ChartTable, ExtraColumn, TableCell } from './table';
import { textWidth, truncate, wrapText } from './text';

export const FONT_FAMILY = 'Arial, Helvetica, sans-serif';
export const FONT = { label: 15, value: 14, tick: 13, legend: 14 } as const;
const PAD = 12;
const LABEL_LINE = 19;
const LABEL_LINES = 3;
const LABEL_GAP = 5;
const ROW_GAP = 16;
const LEGEND_ROW = 24;
export const DEFAULT_WIDTH = 480;

/** What every chart takes besides its data. */
export interface ChartOptions {
  /** prefix of the ids inside the SVG (title, description, patterns): unique on the page, a letter then letters, digits, - or _ */
  id: string;
  /** the chart's accessible name, and the caption of its table */
  title: string;
  /** what the chart shows, for people who cannot see it; a sentence on the scale and the table is added */
  description?: string;
  /** width of the drawing in CSS pixels at 100 % (it scales down to fit, see docs/charts.md); default 480 */
  width?: number;
  /** header of the table's first column, default "Category" */
  categoryHeader?: string;
  /** more table columns, filled from each category's `cells` */
  extraColumns?: ExtraColumn[];
}

export interface Chart {
  /** an `<svg>` element: embed it as markup (it is escaped already) */
  svg: string;
  /** the same figures as a table, to render beside the chart */
  table: ChartTable;
}

export type Interval = readonly [number, number];

export function checkOptions(o: ChartOptions): number {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(o.id)) throw new RangeError(`chart id "${o.id}": a letter, then letters, digits, - or _`);
  const width = o.width ?? DEFAULT_WIDTH;
  if (!Number.isFinite(width) || width < 240 || width > 2000) throw new RangeError('chart width is between 240 and 2000');
  return width;
}

export function checkValue(value: number | null, where: string): void {
  if (value !== null && !Number.isFinite(value)) throw new RangeError(`${where}: a value is a finite number or null`);
}

export function checkInterval(interval: Interval | null | undefined, where: string): void {
  if (!interval) return;
  if (!Number.isFinite(interval[0]) || !Number.isFinite(interval[1]) || interval[0] > interval[1]) throw new RangeError(`${where}: an interval is [low, high] with low ≤ high`);
}

export const valueText = (axis: Axis, value: number | null, text: string | undefined) => text ?? (value === null ? NOT_APPLICABLE : axis.format(value));
export const intervalText = (axis: Axis, interval: Interval | null | undefined) => (interval ? `${axis.format(interval[0])} to ${axis.format(interval[1])}` : '');

export interface PlotRange {
  left: number;
  right: number;
  x: (value: number) => number;
}

/** Where the value scale runs: room on the left for the first tick label, on the right for the last and for `rightGutter`. */
export function plotRange(axis: Axis, width: number, rightGutter = 0): PlotRange {
  const half = (v: number | undefined) => (v === undefined ? 0 : textWidth(axis.format(v), FONT.tick) / 2);
  const left = PAD + Math.ceil(half(axis.ticks[0]) * (axis.ticks[0] === axis.min ? 1 : 0));
  const right = width - PAD - Math.ceil(Math.max(rightGutter, axis.ticks.at(-1) === axis.max ? half(axis.ticks.at(-1)) : 0));
  return { left, right, x: positionOn(axis, left, right) };
}

/** Widest of these texts, capped at `share` of the width (longer texts are truncated to it by `fitText`). */
export function gutterFor(texts: string[], fontSize: number, width: number, share = 0.4): number {
  return Math.min(width * share, Math.max(0, ...texts.map((t) => textWidth(t, fontSize))) + 8);
}

/** A text that fits `maxWidth`, with the whole of it as a tooltip when cut. */
export function fitText(text: string, maxWidth: number, fontSize: number, attrs: Record<string, string | number | undefined>): string {
  const t = truncate(text, maxWidth, fontSize);
  const node = textElement('text', { ...attrs, 'font-size': fontSize }, t.text);
  return t.truncated ? element('g', {}, textElement('title', {}, text), node) : node;
}

export interface Row {
  label: string;
  /** text set right-aligned on the label's first line (interval and change charts) */
  note?: string;
  bodyHeight: number;
  /** nothing to draw but "n/a": no gridlines or reference line behind it */
  empty?: boolean;
  /** the marks of this row, given the top of its body */
  marks: (top: number) => string;
}

export interface LegendItem {
  label: string;
  swatch: (x: number, middle: number) => string;
  swatchWidth: number;
}

export interface Frame {
  options: ChartOptions;
  width: number;
  description: string;
  axis: Axis;
  plot: PlotRange;
  rows: Row[];
  legend?: LegendItem[];
  /** a value drawn as a dark line through every row: the bars' zero, or a difference's "no difference" */
  reference?: number | null;
  /** words under the two ends of the axis, e.g. ["← higher in P9", "higher in P8 →"] */
  directions?: readonly [string, string];
  defs?: string;
}

function legendMarkup(items: LegendItem[], width: number, top: number): { markup: string; height: number } {
  let x = PAD;
  let row = 0;
  const parts: string[] = [];
  for (const item of items) {
    const room = width - 2 * PAD - item.swatchWidth - 6;
    const w = item.swatchWidth + 6 + Math.min(room, textWidth(item.label, FONT.legend));
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      row++;
    }
    const middle = top + row * LEGEND_ROW + LEGEND_ROW / 2;
    parts.push(item.swatch(x, middle), fitText(item.label, room, FONT.legend, { x: x + item.swatchWidth + 6, y: middle + 5, fill: INK }));
    x += w + 20;
  }
  return { markup: element('g', { class: 'app-chart__legend' }, ...parts), height: (row + 1) * LEGEND_ROW };
}

/** Lays out a chart: title and description, legend, one block per category (label above its marks), the axis under them. */
export function renderFrame(f: Frame): string {
  const { width, axis, plot, options } = f;
  const parts: string[] = [];
  let y = PAD;
  if (f.legend?.length) {
    const legend = legendMarkup(f.legend, width, y);
    parts.push(legend.markup);
    y += legend.height + 10;
  }
  const contentWidth = width - 2 * PAD;
  const labelRoom = width - PAD - plot.left;
  for (const row of f.rows) {
    const noteWidth = row.note ? Math.min(textWidth(row.note, FONT.value), labelRoom * 0.45) : 0;
    const wrapped = wrapText(row.label, labelRoom - (row.note ? noteWidth + 12 : 0), FONT.label, LABEL_LINES);
    const lines = wrapped.lines.length ? wrapped.lines : [''];
    const labels = lines.map((line, i) => textElement('text', { x: plot.left, y: y + FONT.label + i * LABEL_LINE, 'font-size': FONT.label, fill: INK }, line));
    const block: string[] = [element('g', { class: 'app-chart__label' }, wrapped.truncated ? textElement('title', {}, row.label) : '', ...labels)];
    if (row.note) block.push(fitText(row.note, noteWidth, FONT.value, { x: width - PAD, y: y + FONT.label, 'text-anchor': 'end', fill: INK }));
    y += lines.length * LABEL_LINE + LABEL_GAP;
    const [top, bottom] = [y - 3, y + row.bodyHeight + 3];
    const grid = axis.ticks.map((t) => `M${num(plot.x(t))} ${num(top)}V${num(bottom)}`).join('');
    if (!row.empty) block.push(element('path', { d: grid, stroke: GRID, 'stroke-width': 1, fill: 'none', 'shape-rendering': 'crispEdges' }));
    if (!row.empty && f.reference !== undefined && f.reference !== null) {
      block.push(element('path', { d: `M${num(plot.x(f.reference))} ${num(top)}V${num(bottom)}`, stroke: INK, 'stroke-width': 1.5, fill: 'none' }));
    }
    block.push(row.marks(y));
    parts.push(element('g', { class: 'app-chart__row' }, ...block));
    y += row.bodyHeight + ROW_GAP;
  }
  const axisTop = y - ROW_GAP + 6;
  const ticks = axis.ticks.map((t) => textElement('text', { x: plot.x(t), y: axisTop + FONT.tick, 'font-size': FONT.tick, 'text-anchor': 'middle', fill: SECONDARY_INK }, axis.format(t)));
  y = axisTop + FONT.tick + 4;
  if (f.directions) {
    const half = (plot.right - plot.left) / 2 - 6;
    y += FONT.tick + 4;
    ticks.push(
      fitText(labelText(f.directions[0]), half, FONT.tick, { x: plot.left, y, fill: SECONDARY_INK }),
      fitText(labelText(f.directions[1]), half, FONT.tick, { x: plot.right, y, 'text-anchor': 'end', fill: SECONDARY_INK }),
    );
  }
  if (axis.title) {
    y += FONT.tick + 6;
    ticks.push(fitText(labelText(axis.title), contentWidth, FONT.tick, { x: (plot.left + plot.right) / 2, y, 'text-anchor': 'middle', fill: INK }));
  }
  parts.push(element('g', { class: 'app-chart__axis' }, ...ticks));
  const height = Math.ceil(y + PAD);
  const id = options.id;
  return element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'app-chart',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      'font-family': FONT_FAMILY,
    },
    textElement('title', { id: `${id}-title` }, labelText(options.title)),
    textElement('desc', { id: `${id}-desc` }, labelText(f.description)),
    f.defs ? element('defs', {}, f.defs) : '',
    element('rect', { width, height, fill: BACKGROUND }),
    ...parts,
  );
}

/** The chart's description: the caller's words, then what kind of chart, its scale, and where the figures are. */
export function describe(options: ChartOptions, kind: string, axis: Axis): string {
  const scale = `The scale runs from ${axis.format(axis.min)} to ${axis.format(axis.max)}${axis.title ? ` (${labelText(axis.title)})` : ''}.`;
  return [options.description ? labelText(options.description) : '', `${kind}.`, scale, 'Every figure is in the table with this chart.'].filter(Boolean).join(' ');
}

/** One pattern per series style (solid needs none). */
export function seriesFill(id: string, index: number): { fill: string; stroke: string; def: string } {
  const style = SERIES_STYLES[index];
  const pid = `${id}-series-${index}`;
  const tile = (inner: string, transform?: string) =>
    element('pattern', { id: pid, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: transform }, element('rect', { width: 6, height: 6, fill: style.colour }), inner);
  const white = (attrs: Record<string, number>) => element('rect', { ...attrs, fill: BACKGROUND });
  const defs: Record<(typeof PATTERNS)[number], string> = {
    solid: '',
    stripes: tile(white({ width: 1.6, height: 6 }), 'rotate(45)'),
    dots: tile(element('circle', { cx: 3, cy: 3, r: 1.3, fill: BACKGROUND })),
    crosshatch: tile(white({ width: 1.2, height: 6 }) + white({ width: 6, height: 1.2 }), 'rotate(45)'),
    rows: tile(white({ width: 6, height: 1.6 })),
  };
  return { fill: style.pattern === 'solid' ? style.colour : `url(#${pid})`, stroke: style.colour, def: defs[style.pattern] };
}

/**
 * The whisker of an interval: a dark line with end caps (an end cut by the axis has
 * none), over a white halo where it crosses a fill too dark to show it.
 */
export function whisker(plot: PlotRange, axis: Axis, interval: Interval, middle: number, cap = 5, over?: string): string {
  const [lo, hi] = [plot.x(interval[0]), plot.x(interval[1])];
  let d = `M${num(lo)} ${num(middle)}H${num(hi)}`;
  if (interval[0] >= axis.min) d += `M${num(lo)} ${num(middle - cap)}V${num(middle + cap)}`;
  if (interval[1] <= axis.max) d += `M${num(hi)} ${num(middle - cap)}V${num(middle + cap)}`;
  const line = element('path', { d, stroke: INK, 'stroke-width': 1.5, fill: 'none', class: 'app-chart__interval' });
  return over && contrastRatio(over, INK) < 3 ? element('path', { d, stroke: BACKGROUND, 'stroke-width': 4, fill: 'none' }) + line : line;
}

/** Text over gridlines gets a white halo, so lines never run through it. */
export const HALO = { stroke: BACKGROUND, 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } as const;

/** "n/a" where a value does not apply, never a zero-length mark. */
export function notApplicable(x: number, middle: number, text = NOT_APPLICABLE): string {
  return textElement('text', { x, y: middle + 5, 'font-size': FONT.value, fill: SECONDARY_INK, ...HALO, class: 'app-chart__na' }, text);
}

/** The table: first column the category, then the given columns, then the extra columns. */
export function chartTable(options: ChartOptions, columns: string[], rows: Array<{ label: string; cells: string[]; extra?: string[] }>): ChartTable {
  const extra = options.extraColumns ?? [];
  const numeric = (text: string): TableCell => ({ text, format: 'numeric' });
  return {
    caption: labelText(options.title),
    firstCellIsHeader: true,
    head: [{ text: labelText(options.categoryHeader ?? 'Category') }, ...columns.map((c) => numeric(labelText(c))), ...extra.map((c) => (c.numeric ? numeric(labelText(c.header)) : { text: labelText(c.header) }))],
    rows: rows.map((r) => [
      { text: r.label },
      ...r.cells.map(numeric),
      ...extra.map((c, i) => {
        const text = labelText(r.extra?.[i] ?? '');
        return c.numeric ? numeric(text) : { text };
      }),
    ]),
  };
}
