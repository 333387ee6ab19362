import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { fromRepoRoot } from '@mapwork/kernel/repo-root';
import { INDICATORS, INDICATOR_LABELS } from './indicators';
import { FidelityReport } from './report';

/** Rates and intervals rounded to 3 decimals for people; JSON keeps every digit. */
export function round3(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : value.toFixed(3);
}

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(s) || /^[=+\-@\t\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvRow = (cells: unknown[]) => cells.map(csvCell).join(',');

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

let template: Handlebars.TemplateDelegate | undefined;

/** The Handlebars report: a table per group, indicators as rows, rate, interval and a bar. */
export function reportToHtml(report: FidelityReport, title = 'Case-file fidelity'): string {
  template ??= Handlebars.create().compile(readFileSync(fromRepoRoot('templates/fidelity-report.hbs'), 'utf8'), { strict: true });
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? 0 : Math.round(v * 1000) / 10);
  return template({
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
