import { FidelityReport, INDICATORS } from '@mapwork/fidelity';

/** The report as a plain-text table: indicators as rows, groups as columns, "met/applicable (rate)". */
export function reportToTable(report: FidelityReport): string {
  const head = ['indicator', ...report.groups.map((g) => `${g.key ?? '(none)'} (${g.cases})`)];
  const rows = INDICATORS.map((id) => [
    id,
    ...report.groups.map((g) => {
      const f = g.indicators[id];
      return f.applicable === 0 ? 'n/a' : `${f.met}/${f.applicable} (${Math.round((f.rate ?? 0) * 100)}%)`;
    }),
  ]);
  rows.push(['fidelity_index mean', ...report.groups.map((g) => (g.fidelity_index.mean === null ? '' : g.fidelity_index.mean.toFixed(3)))]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`fidelity as at ${report.asOf}, by ${report.groupBy}`, line(head), ...rows.map(line)].join('\n') + '\n';
}
