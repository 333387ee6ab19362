import { renderTemplate } from '@mapwork/kernel/templates';
import { INDICATORS, INDICATOR_LABELS } from './indicators';
import { ChangeComparison, GroupComparison } from './compare';
import { FidelityReport } from './report';

/** Rates and intervals rounded to 3 decimals for people; JSON keeps every digit. */
export function round3(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : value.toFixed(3);
}

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(s) || /^[=+\-@\t\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line; a cell a spreadsheet would run as a formula is quoted. */
export const csvRow = (cells: unknown[]) => cells.map(csvCell).join(',');

/**
 * Two CSV sections: one row per case (indicators as true/false/empty), then one row
 * per group and indicator. Cells that a spreadsheet would run as a formula are quoted.
 */
export function reportToCsv(report: FidelityReport): { cases: string; groups: string } {
  const cases = [
    csvRow(['ref', 'site', 'team', 'worker', ...INDICATORS, 'fidelity_index', 'depth_index']),
    ...report.cases.map((c) =>
      csvRow([c.ref, c.site, c.team, c.worker, ...INDICATORS.map((id) => (c.indicators[id] === null ? '' : c.indicators[id])), round3(c.fidelity_index), round3(c.depth_index)]),
    ),
  ].join('\r\n');
  const groups = [
    csvRow([report.groupBy, 'cases', 'indicator', 'applicable', 'met', 'rate', 'ci95_low', 'ci95_high', 'fidelity_index_mean', 'fidelity_index_median']),
    ...report.groups.flatMap((g) =>
      INDICATORS.map((id) => {
        const f = g.indicators[id];
        return csvRow([g.key, g.cases, id, f.applicable, f.met, round3(f.rate), round3(f.ci95?.[0]), round3(f.ci95?.[1]), round3(g.fidelity_index.mean), round3(g.fidelity_index.median)]);
      }),
    ),
  ].join('\r\n');
  return { cases: `${cases}\r\n`, groups: `${groups}\r\n` };
}

/** Both sections in one document, separated by a blank line. */
export function reportToCsvText(report: FidelityReport): string {
  const { cases, groups } = reportToCsv(report);
  return `${cases}\r\n${groups}`;
}

/** The Handlebars report: a table per group, indicators as rows, rate, interval and a bar. */
export function reportToHtml(report: FidelityReport, title = 'Case-file fidelity'): string {
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? 0 : Math.round(v * 1000) / 10);
  return renderTemplate('fidelity-report', {
    title,
    asOf: report.asOf,
    groupBy: report.groupBy,
    caseCount: report.cases.length,
    groups: report.groups.map((g) => ({
      key: g.key ?? '(none)',
      cases: g.cases,
      mean: round3(g.fidelity_index.mean),
      median: round3(g.fidelity_index.median),
      rows: INDICATORS.map((id) => {
        const f = g.indicators[id];
        return {
          id,
          label: INDICATOR_LABELS[id],
          met: f.met,
          applicable: f.applicable,
          rate: f.rate === null ? 'n/a' : round3(f.rate),
          interval: f.ci95 ? `${round3(f.ci95[0])}–${round3(f.ci95[1])}` : '',
          bar: pct(f.rate),
          low: pct(f.ci95?.[0]),
          width: Math.max(0, pct(f.ci95?.[1]) - pct(f.ci95?.[0])),
        };
      }),
    })),
  });
}

/** `instants`: the one the groups are compared at, or the two a change runs between (the template writes them for people). */
function comparisonPage(
  title: string,
  instants: { asOf: string; vsAsOf?: string },
  description: string,
  columns: string[],
  rows: Array<{ id: string; cells: Array<{ text: string; strong?: boolean }> }>,
): string {
  return renderTemplate('comparison-report', { title, ...instants, description, columns, rows: rows.map((r) => ({ ...r, label: INDICATOR_LABELS[r.id as keyof typeof INDICATOR_LABELS] })) });
}

const rate = (met: number, n: number, r: number | null) => (n ? `${met}/${n} (${round3(r)})` : 'n/a');
const pText = (p: number | undefined) => (p === undefined ? '' : round3(p));

/** Between groups: one row per indicator and group, then the test. */
export function groupComparisonToCsv(c: GroupComparison): string {
  const rows = [csvRow(['indicator', c.groupBy, 'applicable', 'met', 'rate', 'test', 'statistic', 'df', 'p', 'difference', 'ci95_low', 'ci95_high'])];
  for (const i of c.indicators) {
    for (const g of i.groups) {
      const t = i.comparison;
      rows.push(
        csvRow([
          i.indicator, g.key, g.applicable, g.met, round3(g.rate), t?.test ?? '',
          t?.test === 'chi_square' ? round3(t.statistic) : '', t?.test === 'chi_square' ? t.df : '', t ? round3(t.p) : '',
          t?.test === 'fisher_exact' ? round3(t.difference) : '', t?.test === 'fisher_exact' ? round3(t.ci95[0]) : '', t?.test === 'fisher_exact' ? round3(t.ci95[1]) : '',
        ]),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}

export function groupComparisonToHtml(c: GroupComparison): string {
  const keys = c.indicators[0]?.groups.map((g) => g.key ?? '(none)') ?? [];
  return comparisonPage(
    `Fidelity compared by ${c.groupBy}`,
    { asOf: c.asOf },
    `Two groups: Fisher's exact test, and the difference in rates with its Newcombe 95 % interval; more groups: Pearson's chi-square.`,
    [...keys, 'test', 'p', 'difference (95 % CI)'],
    c.indicators.map((i) => ({
      id: i.indicator,
      cells: [
        ...i.groups.map((g) => ({ text: rate(g.met, g.applicable, g.rate) })),
        { text: i.comparison ? (i.comparison.test === 'fisher_exact' ? 'Fisher' : `χ² = ${round3(i.comparison.statistic)}, df ${i.comparison.df}`) : 'n/a' },
        { text: pText(i.comparison?.p), strong: (i.comparison?.p ?? 1) < 0.05 },
        { text: i.comparison?.test === 'fisher_exact' ? `${round3(i.comparison.difference)} (${round3(i.comparison.ci95[0])} to ${round3(i.comparison.ci95[1])})` : '' },
      ],
    })),
  );
}

/** T1 → T3: one row per indicator. */
export function changeComparisonToCsv(c: ChangeComparison): string {
  const rows = [csvRow(['indicator', 'paired_cases', 'met_before', 'met_after', 'rate_before', 'rate_after', 'change', 'lost', 'gained', 'mcnemar_p'])];
  for (const i of c.indicators) rows.push(csvRow([i.indicator, i.paired, i.metBefore, i.metAfter, round3(i.rateBefore), round3(i.rateAfter), round3(i.change), i.lost, i.gained, round3(i.p)]));
  return rows.join('\r\n') + '\r\n';
}

export function changeComparisonToHtml(c: ChangeComparison): string {
  return comparisonPage(
    'Fidelity',
    { asOf: c.asOf, vsAsOf: c.vsAsOf },
    `The same ${c.cases} cases at both instants; the change in each rate, the cases that lost and gained it, and McNemar's exact test on the paired outcomes.`,
    ['before', 'after', 'change', 'lost', 'gained', 'p'],
    c.indicators.map((i) => ({
      id: i.indicator,
      cells: [
        { text: rate(i.metBefore, i.paired, i.rateBefore) },
        { text: rate(i.metAfter, i.paired, i.rateAfter) },
        { text: round3(i.change) },
        { text: String(i.lost) },
        { text: String(i.gained) },
        { text: round3(i.p), strong: i.p < 0.05 },
      ],
    })),
  );
}
