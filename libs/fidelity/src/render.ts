import { renderTemplate } from '@mapwork/kernel/templates';
import { NotComputable, StatisticWarning, formatP, notComputableText, round3 } from '@mapwork/statistics';
import { INDICATORS, INDICATOR_LABELS, IndicatorId } from './indicators';
import { CaseKey, ChangeComparison, GroupComparison } from './compare';
import { FidelityReport } from './report';

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

/** A test result as people read it: its p, or "not computable" when there is none. */
interface TestFigures {
  p: number | null;
  notComputable: NotComputable | null;
  warnings?: StatisticWarning[];
}

/** The p of a test for people: `< 0.001`, 3 decimals, or "not computable" (the reason goes in the notes). */
export function pForPeople(t: TestFigures): string {
  return t.p === null ? 'not computable' : formatP(t.p);
}

/** What people must know about a test beside its p: why it is missing, and any warning. */
export function testNotes(t: TestFigures): string[] {
  return [...(t.p === null && t.notComputable ? [notComputableText(t.notComputable)] : []), ...(t.warnings ?? []).map((w) => w.message)];
}

/**
 * How cases are named for people: the ref, or `site/ref` where the same ref is listed
 * from two sites.
 */
export function caseNamer(c: ChangeComparison): (k: CaseKey) => string {
  const sitesOf = new Map<string, Set<string>>();
  for (const i of c.indicators) for (const k of [...i.lostCases, ...i.gainedCases]) sitesOf.set(k.ref, (sitesOf.get(k.ref) ?? new Set()).add(k.site));
  return (k) => ((sitesOf.get(k.ref)?.size ?? 0) > 1 ? `${k.site}/${k.ref}` : k.ref);
}

const noteRows = (items: Array<{ indicator: IndicatorId; notes: string[] }>) =>
  items.flatMap((i) => i.notes.map((text) => ({ label: INDICATOR_LABELS[i.indicator], text })));

/** `asOf` and `vsAsOf`: the instant the groups are compared at, or the two a change runs between (the template writes them for people). */
function comparisonPage(
  page: {
    title: string;
    asOf: string;
    vsAsOf?: string;
    description: string;
    columns: string[];
    rows: Array<{ id: IndicatorId; cells: Array<{ text: string; strong?: boolean }> }>;
    starred?: boolean;
  },
  notes: Array<{ label: string; text: string }>,
  caseLists: Array<{ label: string; lost: string; gained: string }> = [],
): string {
  return renderTemplate('comparison-report', { ...page, rows: page.rows.map((r) => ({ ...r, label: INDICATOR_LABELS[r.id] })), notes, caseLists });
}

const rate = (met: number, n: number, r: number | null) => (n ? `${met}/${n} (${round3(r)})` : 'n/a');
const csvP = (p: number | null) => (p === null ? '' : formatP(p));
const marked = (t: TestFigures) => `${pForPeople(t)}${t.warnings?.length ? ' *' : ''}`;

/**
 * Between groups: one row per indicator and group, then the test. CSV is for people with
 * a spreadsheet, like the HTML: figures to 3 decimals, p as `< 0.001`, and a note saying
 * why a test is missing or doubtful; the JSON keeps every digit.
 */
export function groupComparisonToCsv(c: GroupComparison): string {
  const rows = [csvRow(['indicator', c.groupBy, 'applicable', 'met', 'rate', 'test', 'statistic', 'df', 'p', 'difference', 'ci95_low', 'ci95_high', 'note'])];
  for (const i of c.indicators) {
    const t = i.comparison;
    const fisher = t.test === 'fisher_exact' ? t : null;
    const chi = t.test === 'chi_square' ? t : null;
    for (const g of i.groups) {
      rows.push(
        csvRow([
          i.indicator, g.key, g.applicable, g.met, round3(g.rate), t.test ?? '', round3(chi?.statistic), chi?.df ?? '', csvP(t.p),
          round3(fisher?.difference), round3(fisher?.ci95[0]), round3(fisher?.ci95[1]), testNotes(t).join('; '),
        ]),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}

export function groupComparisonToHtml(c: GroupComparison): string {
  const keys = c.indicators[0]?.groups.map((g) => g.key ?? '(none)') ?? [];
  return comparisonPage(
    {
      title: `Fidelity compared by ${c.groupBy}`,
      asOf: c.asOf,
      description: `Two groups: Fisher's exact test, and the difference in rates with its Newcombe 95 % interval; more groups: Pearson's chi-square.`,
      columns: [...keys, 'test', 'p', 'difference (95 % CI)'],
      starred: c.indicators.some((i) => i.comparison.warnings.length > 0),
      rows: c.indicators.map((i) => {
        const t = i.comparison;
        return {
          id: i.indicator,
          cells: [
            ...i.groups.map((g) => ({ text: rate(g.met, g.applicable, g.rate) })),
            { text: t.test === 'fisher_exact' ? 'Fisher' : t.test === 'chi_square' ? (t.statistic === null ? 'χ²' : `χ² = ${round3(t.statistic)}, df ${t.df}`) : '—' },
            { text: marked(t), strong: t.p !== null && t.p < 0.05 },
            { text: t.test === 'fisher_exact' ? `${round3(t.difference)} (${round3(t.ci95[0])} to ${round3(t.ci95[1])})` : '' },
          ],
        };
      }),
    },
    noteRows(c.indicators.map((i) => ({ indicator: i.indicator, notes: testNotes(i.comparison) }))),
  );
}

/** T1 → T3: one row per indicator, with the cases that lost and gained it (separated by `; `). */
export function changeComparisonToCsv(c: ChangeComparison): string {
  const name = caseNamer(c);
  const rows = [csvRow(['indicator', 'paired_cases', 'met_before', 'met_after', 'rate_before', 'rate_after', 'change', 'lost', 'gained', 'mcnemar_p', 'lost_cases', 'gained_cases', 'note'])];
  for (const i of c.indicators) {
    rows.push(
      csvRow([
        i.indicator, i.paired, i.metBefore, i.metAfter, round3(i.rateBefore), round3(i.rateAfter), round3(i.change), i.lost, i.gained, csvP(i.p),
        i.lostCases.map(name).join('; '), i.gainedCases.map(name).join('; '), testNotes(i).join('; '),
      ]),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

export function changeComparisonToHtml(c: ChangeComparison): string {
  const name = caseNamer(c);
  return comparisonPage(
    {
      title: 'Fidelity',
      asOf: c.asOf,
      vsAsOf: c.vsAsOf,
      description: `The same ${c.cases} cases at both instants; the change in each rate, the cases that lost and gained it, and McNemar's exact test on the paired outcomes.`,
      columns: ['before', 'after', 'change', 'lost', 'gained', 'p'],
      rows: c.indicators.map((i) => ({
        id: i.indicator,
        cells: [
          { text: rate(i.metBefore, i.paired, i.rateBefore) },
          { text: rate(i.metAfter, i.paired, i.rateAfter) },
          { text: round3(i.change) },
          { text: String(i.lost) },
          { text: String(i.gained) },
          { text: pForPeople(i), strong: i.p !== null && i.p < 0.05 },
        ],
      })),
    },
    noteRows(c.indicators.map((i) => ({ indicator: i.indicator, notes: testNotes(i) }))),
    c.indicators
      .filter((i) => i.lost || i.gained)
      .map((i) => ({ label: INDICATOR_LABELS[i.indicator], lost: i.lostCases.map(name).join(', ') || '—', gained: i.gainedCases.map(name).join(', ') || '—' })),
  );
}
