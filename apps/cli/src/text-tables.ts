import type { AgreementReport } from '@mapwork/evaluation';
import { CaseKey, ChangeComparison, FidelityReport, GroupComparison, INDICATORS, IndicatorId, caseNamer, csvRow, pForPeople, testNotes } from '@mapwork/fidelity';
import { KappaResult, notComputableText, round3 as r3 } from '@mapwork/statistics';
import type { Tabular } from './instrument-tables';

/** Plain-text tables for people at a terminal: first column left, the rest right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

/** The report as a table: indicators as rows, groups as columns, "met/applicable (rate)". */
export function reportToTable(report: FidelityReport): string {
  const rows = INDICATORS.map((id) => [
    id,
    ...report.groups.map((g) => {
      const f = g.indicators[id];
      return f.applicable === 0 ? 'n/a' : `${f.met}/${f.applicable} (${Math.round((f.rate ?? 0) * 100)}%)`;
    }),
  ]);
  rows.push(['fidelity_index mean', ...report.groups.map((g) => r3(g.fidelity_index.mean))]);
  return `fidelity as at ${report.asOf}, by ${report.groupBy}\n` + table(['indicator', ...report.groups.map((g) => `${g.key ?? '(none)'} (${g.cases})`)], rows);
}

/** Lines under a table: `indicator: text` for each note, under a heading. */
function notes(heading: string, items: Array<{ indicator: IndicatorId; lines: string[] }>): string {
  const lines = items.flatMap((i) => i.lines.map((l) => `  ${i.indicator}: ${l}`));
  return lines.length ? `\n${heading}\n${lines.join('\n')}\n` : '';
}

export function agreementTable(a: AgreementReport): string {
  const k = (f: KappaResult | undefined) => {
    if (!f) return 'n/a';
    if (f.observed === null) return f.notComputable ? notComputableText(f.notComputable) : 'n/a';
    return `${f.n}: ${r3(f.observed)} / κ ${f.kappa === null && f.notComputable ? notComputableText(f.notComputable) : r3(f.kappa)}`;
  };
  const head = ['indicator', ...(a.raters.length === 2 ? ['between raters'] : []), ...a.raters.map((r) => `${r.slice(0, 8)} vs computed`)];
  return (
    `agreement (cases: observed / kappa), computed as at ${a.asOf}\n` +
    table(head, a.indicators.map((i) => [i.indicator, ...(a.raters.length === 2 ? [k(i.betweenRaters)] : []), ...i.withComputed.map(k)]))
  );
}

export function groupTable(c: GroupComparison): string {
  const keys = c.indicators[0]?.groups.map((g) => g.key ?? '(none)') ?? [];
  return (
    `fidelity compared by ${c.groupBy}, as at ${c.asOf}\n` +
    table(
      ['indicator', ...keys, 'p', 'difference (95% CI)'],
      c.indicators.map((i) => {
        const t = i.comparison;
        return [
          i.indicator,
          ...i.groups.map((g) => (g.applicable ? `${g.met}/${g.applicable}` : 'n/a')),
          `${pForPeople(t)}${t.test === 'chi_square' ? ' (χ²)' : ''}${t.warnings.length ? ' *' : ''}`,
          t.test === 'fisher_exact' ? `${r3(t.difference)} (${r3(t.ci95[0])} to ${r3(t.ci95[1])})` : '',
        ];
      }),
    ) +
    notes('notes (* the chi-square approximation is doubtful)', c.indicators.map((i) => ({ indicator: i.indicator, lines: testNotes(i.comparison) })))
  );
}

export function changeTable(c: ChangeComparison): string {
  const name = caseNamer(c);
  const list = (label: string, cases: CaseKey[]) => (cases.length ? [`${label} ${cases.map(name).join(', ')}`] : []);
  return (
    `the same ${c.cases} cases at ${c.asOf} and ${c.vsAsOf}\n` +
    table(
      ['indicator', 'before', 'after', 'change', 'lost', 'gained', 'McNemar p'],
      c.indicators.map((i) => [i.indicator, i.paired ? `${i.metBefore}/${i.paired}` : 'n/a', i.paired ? `${i.metAfter}/${i.paired}` : 'n/a', r3(i.change), String(i.lost), String(i.gained), pForPeople(i)]),
    ) +
    notes('cases that lost and gained an indicator', c.indicators.map((i) => ({ indicator: i.indicator, lines: [...list('lost:', i.lostCases), ...list('gained:', i.gainedCases)] }))) +
    notes('notes', c.indicators.map((i) => ({ indicator: i.indicator, lines: testNotes(i) })))
  );
}

/** A report laid out as one table (see instrument-tables.ts), for the terminal, its notes under it. */
export function tabularToText(t: Tabular): string {
  return `${t.title}\n` + table(t.head, t.rows) + (t.notes.length ? `\nnotes\n${t.notes.map((n) => `  ${n}`).join('\n')}\n` : '');
}

/** The same table as CSV (CRLF line ends, as the fidelity reports). */
export function tabularToCsv(t: Tabular): string {
  return [t.head, ...t.rows].map(csvRow).join('\r\n') + '\r\n';
}
