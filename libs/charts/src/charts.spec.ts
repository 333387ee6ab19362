import fc from 'fast-check';
import { XmlElement, allElements, parseXml, textOf } from '../../../test/support/xml';
import { Axis, Chart, barChart, changeChart, differenceAxis, groupedBarChart, intervalChart, numberAxis, rateAxis, rateDatum, renderTable } from './index';
import { labelText } from './escape';
import { INK } from './palette';

/** The elements a chart may contain: nothing that runs, loads or styles. */
const ALLOWED = new Set(['svg', 'title', 'desc', 'defs', 'pattern', 'rect', 'circle', 'path', 'text', 'g']);

function parse(chart: Chart) {
  const root = parseXml(chart.svg);
  const all = allElements(root);
  const byClass = (c: string) => all.filter((e) => e.attributes.class === c);
  return { root, all, byClass };
}

/** x-positions of a path made of M/H/V commands */
const pathXs = (d: string) => [...d.matchAll(/[MH](-?[\d.]+)/g)].map((m) => Number(m[1]));

const rates = rateAxis('Cases where the indicator is met');

describe('barChart', () => {
  const chart = barChart({
    id: 'fid',
    title: 'Fidelity of Team A',
    axis: rates,
    valueHeader: 'Rate',
    categories: [
      { label: 'Mapping recorded', ...rateDatum({ met: 6, applicable: 6, ci95: [0.61, 1] }) },
      { label: 'Family involved in mapping', ...rateDatum({ met: 3, applicable: 6, ci95: [0.19, 0.81] }) },
      { label: 'Two or more danger statements', ...rateDatum({ met: 0, applicable: 6, ci95: [0, 0.39] }) },
      { label: 'Words and Pictures on the record', ...rateDatum({ met: 0, applicable: 0, ci95: null }) },
    ],
  });
  const { root, all, byClass } = parse(chart);

  it('is an image named by its title and description, sized by a viewBox', () => {
    expect(root.name).toBe('svg');
    expect(root.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-labelledby': 'fid-title fid-desc', class: 'app-chart', width: '480' });
    expect(root.attributes.viewBox).toBe(`0 0 480 ${root.attributes.height}`);
    const [title, desc] = root.children as XmlElement[];
    expect([title.name, title.attributes.id, textOf(title)]).toEqual(['title', 'fid-title', 'Fidelity of Team A']);
    expect([desc.name, desc.attributes.id]).toEqual(['desc', 'fid-desc']);
    expect(textOf(desc)).toContain('Horizontal bar chart of 4 categories');
    expect(textOf(desc)).toContain('0\u00a0% to 100\u00a0%');
    expect(all.every((e) => ALLOWED.has(e.name))).toBe(true);
    expect(all.some((e) => Object.keys(e.attributes).some((a) => a === 'style' || a.startsWith('on')))).toBe(false);
  });

  it('draws bars in proportion to their values from a common zero, intervals as whiskers across them', () => {
    const bars = byClass('app-chart__bar').map((b) => ({ x: Number(b.attributes.x), width: Number(b.attributes.width) }));
    expect(bars).toHaveLength(3);
    expect(new Set(bars.map((b) => b.x)).size).toBe(1);
    const full = bars[0].width;
    expect(bars[1].width).toBeCloseTo(full / 2, 1);
    expect(bars[2].width).toBe(0);
    const whiskers = byClass('app-chart__interval').map((w) => pathXs(w.attributes.d));
    expect(whiskers).toHaveLength(3);
    // family involved: 0.19 to 0.81 of the scale
    expect(whiskers[1][0]).toBeCloseTo(bars[0].x + 0.19 * full, 1);
    expect(whiskers[1][1]).toBeCloseTo(bars[0].x + 0.81 * full, 1);
  });

  it('prints each value at its bar, and n/a, never a bar, where nothing applies', () => {
    expect(byClass('app-chart__value').map(textOf)).toEqual(['100\u00a0% (6/6)', '50\u00a0% (3/6)', '0\u00a0% (0/6)']);
    expect(byClass('app-chart__na').map(textOf)).toEqual(['n/a']);
    // nothing behind it that could pass for a bar or a line at zero
    const naRow = byClass('app-chart__row').find((r) => allElements(r).some((e) => e.attributes.class === 'app-chart__na'))!;
    expect(allElements(naRow).filter((e) => e.name === 'path' || e.name === 'rect')).toEqual([]);
    const texts = all.filter((e) => e.name === 'text').map(textOf);
    expect(texts).toEqual(expect.arrayContaining(['Mapping recorded', '0\u00a0%', '25\u00a0%', '50\u00a0%', '75\u00a0%', '100\u00a0%', 'Cases where the indicator is met']));
  });

  it('gives the same figures as a table', () => {
    expect(chart.table).toEqual({
      caption: 'Fidelity of Team A',
      firstCellIsHeader: true,
      head: [{ text: 'Category' }, { text: 'Rate', format: 'numeric' }, { text: '95 % interval', format: 'numeric' }],
      rows: [
        [{ text: 'Mapping recorded' }, { text: '100\u00a0% (6/6)', format: 'numeric' }, { text: '61\u00a0% to 100\u00a0%', format: 'numeric' }],
        [{ text: 'Family involved in mapping' }, { text: '50\u00a0% (3/6)', format: 'numeric' }, { text: '19\u00a0% to 81\u00a0%', format: 'numeric' }],
        [{ text: 'Two or more danger statements' }, { text: '0\u00a0% (0/6)', format: 'numeric' }, { text: '0\u00a0% to 39\u00a0%', format: 'numeric' }],
        [{ text: 'Words and Pictures on the record' }, { text: 'n/a', format: 'numeric' }, { text: '', format: 'numeric' }],
      ],
    });
  });

  it('is the same bytes every time', () => {
    const again = barChart({ id: 'fid', title: 'Fidelity of Team A', axis: rateAxis('Cases where the indicator is met'), valueHeader: 'Rate', categories: [
      { label: 'Mapping recorded', ...rateDatum({ met: 6, applicable: 6, ci95: [0.61, 1] }) },
      { label: 'Family involved in mapping', ...rateDatum({ met: 3, applicable: 6, ci95: [0.19, 0.81] }) },
      { label: 'Two or more danger statements', ...rateDatum({ met: 0, applicable: 6, ci95: [0, 0.39] }) },
      { label: 'Words and Pictures on the record', ...rateDatum({ met: 0, applicable: 0, ci95: null }) },
    ] });
    expect(again.svg).toBe(chart.svg);
  });

  it('cuts a label too long for three lines, keeping the whole of it as a tooltip', () => {
    const label = 'A very long team name that goes on '.repeat(8).trim();
    const { all } = parse(barChart({ id: 'x', title: 't', axis: rates, categories: [{ label, value: 0.5 }] }));
    const row = all.find((e) => e.attributes.class === 'app-chart__row')!;
    const tooltip = allElements(row).find((e) => e.name === 'title');
    expect(tooltip && textOf(tooltip)).toBe(label);
    const lines = allElements(row).filter((e) => e.name === 'text' && e.attributes['font-size'] === '15').map(textOf);
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith('\u2026')).toBe(true);
  });

  it('refuses what it cannot draw truthfully', () => {
    const base = { id: 'x', title: 't', axis: rates };
    expect(() => barChart({ ...base, categories: [{ label: 'a', value: NaN }] })).toThrow(/finite/);
    expect(() => barChart({ ...base, categories: [{ label: 'a', value: 0.5, interval: [0.6, 0.4] }] })).toThrow(/low ≤ high/);
    expect(() => barChart({ ...base, id: '1 bad"id', categories: [] })).toThrow(/chart id/);
    expect(() => barChart({ ...base, axis: numberAxis([1, 5], { min: 1, max: 5 }), categories: [] })).toThrow(/includes 0/);
  });
});

describe('groupedBarChart', () => {
  const chart = groupedBarChart({
    id: 'round',
    title: 'This round and the previous one',
    axis: rates,
    series: [{ name: 'This round' }, { name: 'Previous round' }],
    categories: [
      { label: 'Mapping recorded', values: [{ value: 1 }, { value: 0.5 }] },
      { label: 'Family network meeting held', values: [{ value: 0.25 }, { value: null }] },
    ],
  });
  const { all, byClass } = parse(chart);

  it('names each series in a legend, with its own fill pattern as well as colour', () => {
    const legend = all.find((e) => e.attributes.class === 'app-chart__legend')!;
    expect(allElements(legend).filter((e) => e.name === 'text').map(textOf)).toEqual(['This round', 'Previous round']);
    const fills = byClass('app-chart__bar').map((b) => b.attributes.fill);
    expect(fills).toEqual(['#0072b2', 'url(#round-series-1)', '#0072b2']);
    expect(all.filter((e) => e.name === 'pattern').map((p) => p.attributes.id)).toEqual(['round-series-1']);
  });

  it('draws each series bar in proportion, n/a where a series has no value', () => {
    const widths = byClass('app-chart__bar').map((b) => Number(b.attributes.width));
    expect(widths[1] / widths[0]).toBeCloseTo(0.5, 2);
    expect(widths[2] / widths[0]).toBeCloseTo(0.25, 2);
    expect(byClass('app-chart__na').map(textOf)).toEqual(['n/a']);
    expect(chart.table.head.map((c) => c.text)).toEqual(['Category', 'This round', 'Previous round']);
    expect(chart.table.rows[1].map((c) => c.text)).toEqual(['Family network meeting held', '25\u00a0%', 'n/a']);
  });

  it('needs one value per series, and at most five series', () => {
    expect(() => groupedBarChart({ id: 'g', title: 't', axis: rates, series: [{ name: 'a' }], categories: [{ label: 'x', values: [] }] })).toThrow(/one value per series/);
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `s${i}` }));
    expect(() => groupedBarChart({ id: 'g', title: 't', axis: rates, series: six, categories: [] })).toThrow(/1 to 5 series/);
  });
});

describe('intervalChart', () => {
  const axis = differenceAxis('Difference in rate');
  const chart = intervalChart({
    id: 'diff',
    title: 'P8 minus P9',
    axis,
    directions: ['← higher in P9', 'higher in P8 →'],
    categories: [
      { label: 'Family network meeting held', value: 0.9, interval: [0.405, 0.982] },
      { label: 'Clipped', value: -0.5, interval: [-1.5, 0.2] },
      { label: 'Words and Pictures', value: null },
    ],
  });
  const { all, byClass } = parse(chart);
  const zero = all.filter((e) => e.name === 'path' && e.attributes.stroke === INK && e.attributes['stroke-width'] === '1.5' && e.attributes.class === undefined);
  const x0 = pathXs(zero[0].attributes.d)[0];
  const dots = byClass('app-chart__dot').map((d) => Number(d.attributes.cx));

  it('draws a zero line through every row with a value and the dots either side of it in proportion', () => {
    expect(zero).toHaveLength(2);
    expect(new Set(zero.map((z) => pathXs(z.attributes.d)[0])).size).toBe(1);
    const unit = (dots[0] - x0) / 0.9;
    expect(dots[1]).toBeCloseTo(x0 - 0.5 * unit, 1);
  });

  it('spans each interval, cut at the axis end without a cap', () => {
    const [first, clipped] = byClass('app-chart__interval').map((w) => w.attributes.d);
    const unit = (dots[0] - x0) / 0.9;
    expect(pathXs(first).slice(0, 2).map((x) => Math.round(x * 10) / 10)).toEqual([x0 + 0.405 * unit, x0 + 0.982 * unit].map((x) => Math.round(x * 10) / 10));
    expect(pathXs(clipped)[0]).toBeCloseTo(x0 - unit, 1);
    // one cap (the upper end), as the lower end runs off the axis
    expect(clipped.match(/V/g)).toHaveLength(1);
  });

  it('prints values beside their labels, n/a where there is none, and the directions under the axis', () => {
    const texts = all.filter((e) => e.name === 'text').map(textOf);
    expect(texts).toEqual(expect.arrayContaining(['+90\u00a0pp', '\u221250\u00a0pp', '← higher in P9', 'higher in P8 →']));
    expect(byClass('app-chart__na').map(textOf)).toEqual(['n/a']);
    expect(chart.table.rows[0].map((c) => c.text)).toEqual(['Family network meeting held', '+90\u00a0pp', '+41\u00a0pp to +98\u00a0pp']);
  });

  it('takes another reference value, e.g. T-scores against 50', () => {
    const t = parse(intervalChart({ id: 't', title: 'T', axis: numberAxis([], { min: 30, max: 70 }), reference: 50, categories: [{ label: 'P1', value: 50 }] }));
    const dot = Number(t.byClass('app-chart__dot')[0].attributes.cx);
    const line = t.all.find((e) => e.name === 'path' && e.attributes.stroke === INK && e.attributes['stroke-width'] === '1.5')!;
    expect(pathXs(line.attributes.d)[0]).toBeCloseTo(dot, 5);
  });
});

describe('changeChart', () => {
  const chart = changeChart({
    id: 't1t3',
    title: 'T1 to T3',
    axis: rates,
    from: { name: 'T1' },
    to: { name: 'T3' },
    extraColumns: [{ header: 'Lost', numeric: true }, { header: 'Gained', numeric: true }],
    categories: [
      { label: 'Safety plan in place', from: 0.3, to: 0.7, cells: ['0', '4'] },
      { label: 'Words and Pictures', from: null, to: null, cells: ['0', '0'] },
    ],
  });
  const { byClass } = parse(chart);

  it('shows the first value as a hollow circle and the second as a filled one, in proportion', () => {
    const [from] = byClass('app-chart__from').filter((c) => c.attributes.cy !== undefined).slice(-1);
    const [to] = byClass('app-chart__to').slice(-1);
    expect(from.attributes.fill).toBe('#ffffff');
    expect(to.attributes.fill).toBe('#0072b2');
    const [legendFrom, rowFrom] = byClass('app-chart__from').map((c) => Number(c.attributes.cx));
    void legendFrom;
    expect(Number(to.attributes.cx) - rowFrom).toBeGreaterThan(0);
    expect(byClass('app-chart__na').map(textOf)).toEqual(['n/a']);
  });

  it('tabulates both values, the change in percentage points and the extra columns', () => {
    expect(chart.table.head.map((c) => c.text)).toEqual(['Category', 'T1', 'T3', 'Change', 'Lost', 'Gained']);
    expect(chart.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Safety plan in place', '30\u00a0%', '70\u00a0%', '+40\u00a0pp', '0', '4'],
      ['Words and Pictures', 'n/a', 'n/a', '', '0', '0'],
    ]);
  });
});

describe('renderTable', () => {
  it('writes a GOV.UK table, escaped, in a region that scrolls by keyboard too', () => {
    const html = renderTable({ caption: 'Teams <b>', firstCellIsHeader: true, head: [{ text: 'Team' }, { text: 'Rate', format: 'numeric' }], rows: [[{ text: '<script>x</script>' }, { text: '50 %', format: 'numeric' }]] });
    expect(html).toContain('<div class="app-chart-table" role="region" aria-label="Teams &lt;b&gt;" tabindex="0">');
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Teams &lt;b&gt;</caption>');
    expect(html).toContain('<th scope="col" class="govuk-table__header govuk-table__header--numeric">Rate</th>');
    expect(html).toContain('<th scope="row" class="govuk-table__header">&lt;script&gt;x&lt;/script&gt;</th>');
    expect(html).toContain('<td class="govuk-table__cell govuk-table__cell--numeric">50 %</td>');
    expect(html).not.toContain('<script>');
  });
});

describe('any label and value (property)', () => {
  const label = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.constantFrom('<script>alert(1)</script>', '&amp; & &#0; ]]> "\' </svg><svg onload=x>', 'فريق الشمال', '🦊𝒜\u202Eevil', '\uD800\u0000\uFFFF'),
  );
  const value = fc.option(fc.double({ min: -2, max: 3, noNaN: true }), { nil: null });
  const interval = fc.option(fc.tuple(fc.double({ min: -2, max: 3, noNaN: true }), fc.double({ min: -2, max: 3, noNaN: true })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const), { nil: null });
  const category = fc.record({ label, value, interval, text: fc.option(label, { nil: undefined }) });
  const axes: Axis[] = [rateAxis(), differenceAxis(), numberAxis([-2, 3])];

  /** Every category label appears exactly, as wrapped lines or whole in a tooltip: nothing unescaped, nothing lost. */
  function labelsShown(root: XmlElement, labels: string[]) {
    const rows = allElements(root).filter((e) => e.attributes.class === 'app-chart__row');
    expect(rows).toHaveLength(labels.length);
    rows.forEach((row, i) => {
      const expected = labelText(labels[i]);
      const block = allElements(row).find((e) => e.attributes.class === 'app-chart__label')!;
      const tooltip = block.children.find((e): e is XmlElement => typeof e !== 'string' && e.name === 'title');
      const lines = allElements(block).filter((e) => e.name === 'text').map(textOf);
      if (tooltip) expect(textOf(tooltip)).toBe(expected);
      else expect(lines.join(' ').replace(/ /g, '')).toBe(expected.replace(/ /g, ''));
    });
  }

  it('always gives well-formed SVG with only drawing elements, every text escaped and intact', () => {
    fc.assert(
      fc.property(fc.array(category, { maxLength: 6 }), label, fc.constantFrom(0, 1, 2), fc.integer({ min: 1, max: 5 }), (categories, title, a, seriesCount) => {
        const axis = axes[a];
        const charts = [
          barChart({ id: 'p', title, axis, categories }),
          intervalChart({ id: 'p', title, axis, categories, directions: [title, title] }),
          changeChart({ id: 'p', title, axis, from: { name: title }, to: { name: title }, categories: categories.map((c) => ({ label: c.label, from: c.value, to: c.interval?.[0] ?? null, text: c.text })) }),
          groupedBarChart({ id: 'p', title, axis, series: Array.from({ length: seriesCount }, () => ({ name: title })), categories: categories.map((c) => ({ label: c.label, values: Array.from({ length: seriesCount }, () => c) })) }),
        ];
        for (const chart of charts) {
          const root = parseXml(chart.svg);
          expect(allElements(root).every((e) => ALLOWED.has(e.name))).toBe(true);
          expect(allElements(root).some((e) => Object.keys(e.attributes).some((n) => n === 'style' || n.startsWith('on')))).toBe(false);
          expect(textOf(root.children[0] as XmlElement)).toBe(labelText(title));
          labelsShown(root, categories.map((c) => c.label));
          expect(chart.table.rows.map((r) => r[0].text)).toEqual(categories.map((c) => labelText(c.label)));
          // every drawn number is a plain decimal
          for (const e of allElements(root)) for (const k of ['x', 'y', 'width', 'height', 'cx', 'cy']) if (e.attributes[k] !== undefined) expect(e.attributes[k]).toMatch(/^-?\d+(\.\d+)?$/);
        }
      }),
      { numRuns: 150 },
    );
  });
});
