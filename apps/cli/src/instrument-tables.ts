import type { InstrumentsService } from '@mapwork/evaluation';
import { NotComputable, formatP, notComputableText, round3 as r3 } from '@mapwork/statistics';
import type { InstrumentReportName } from './commands/evaluation';

/*
 * Each instrument report as one table: a title, column heads, rows of text, and notes
 * on the figures that could not be computed. The same table is printed for people
 * (`--format table`, notes under it) and written as CSV (`--format csv`, a figure that
 * could not be computed an empty cell); measures are rounded to 3 decimals and p-values
 * written as everywhere else (`< 0.001`), counts are whole numbers, and `--format json`
 * keeps every digit and every reason.
 */

type Result<K extends keyof InstrumentsService> = Awaited<ReturnType<InstrumentsService[K]>>;

export interface InstrumentReports extends Record<InstrumentReportName, unknown> {
  responses: Result<'scoredResponses'>;
  scores: Result<'scores'>;
  't-scores': Result<'tScores'>;
  'element-use': Result<'elementUse'>;
  expected: Result<'expectedVsActual'>;
  'compare-kinds': Result<'compareKinds'>;
}

export interface Tabular {
  title: string;
  head: string[];
  rows: string[][];
  /** `where: why`, for each figure left empty because it could not be computed */
  notes: string[];
}

const count = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const p = (value: number | null) => (value === null ? '' : formatP(value));

/** A note for each figure that could not be computed, named by where it would be. */
const notesOf = (figures: Array<[string, { notComputable: NotComputable | null }]>) =>
  figures.filter(([, f]) => f.notComputable).map(([where, f]) => `${where}: ${notComputableText(f.notComputable!)}`);

/** The subscale ids of a report, in the order the instrument lists them. */
const subscaleIds = (scored: Array<{ subscales: Record<string, unknown> }>) => Object.keys(scored[0]?.subscales ?? {});

const TABLES: { [K in InstrumentReportName]: (r: InstrumentReports[K]) => Tabular } = {
  responses: (r) => {
    const subs = subscaleIds(r.responses.map((x) => x.scores));
    return {
      title: `responses to ${r.instrument}: ${r.responses.length}`,
      head: ['site', 'respondent', 'time_point', 'frame', 'case', 'answered', 'total_sum', 'total_mean', ...subs.map((s) => `${s}_mean`)],
      rows: r.responses.map((x) => [
        x.site, x.respondentKind, x.timePoint, x.frame ?? '', x.caseRef ?? '',
        count(x.scores.total.answered), count(x.scores.total.sum), r3(x.scores.total.mean),
        ...subs.map((s) => r3(x.scores.subscales[s].mean)),
      ]),
      notes: [],
    };
  },
  scores: (r) => {
    const subs = subscaleIds(r.groups);
    return {
      title: `scores of ${r.instrument} by ${r.groupBy.join(', ')}: mean and SD of respondents' mean scores, Cronbach's alpha`,
      head: [r.groupBy.join(' / '), 'n', 'total_mean', 'total_sd', 'total_alpha', ...subs.flatMap((s) => [`${s}_mean`, `${s}_sd`, `${s}_alpha`])],
      rows: r.groups.map((g) => [
        g.key, count(g.n), r3(g.total.mean), r3(g.total.sd), r3(g.alpha.alpha),
        ...subs.flatMap((s) => [r3(g.subscales[s].mean), r3(g.subscales[s].sd), r3(g.subscales[s].alpha.alpha)]),
      ]),
      notes: r.groups.flatMap((g) => notesOf([[`${g.key} total_alpha`, g.alpha], ...subs.map((s) => [`${g.key} ${s}_alpha`, g.subscales[s].alpha] as [string, { notComputable: NotComputable | null }])])),
    };
  },
  't-scores': (r) => {
    const subs = subscaleIds(r.sites);
    return {
      title: `${r.instrument}: each site's mean score as a T-score against all sites`,
      head: ['site', 'n', 'total_mean', 'total_t', ...subs.flatMap((s) => [`${s}_mean`, `${s}_t`])],
      rows: r.sites.map((s) => [s.site, count(s.n), r3(s.total.mean), r3(s.total.t), ...subs.flatMap((id) => [r3(s.subscales[id].mean), r3(s.subscales[id].t)])]),
      notes: [],
    };
  },
  'element-use': (r) => ({
    title: `${r.instrument}: % of respondents answering ${r.threshold} or more, by site`,
    head: ['element', ...r.sites.map((s) => s.site)],
    rows: [
      ...r.items.map((i) => [i.label, ...i.sites.map((s) => r3(s.percent))]),
      ['respondents', ...r.sites.map((s) => count(s.n))],
      ['share of workforce', ...r.sites.map((s) => r3(s.shareOfWorkforce))],
    ],
    notes: [],
  }),
  expected: (r) => ({
    title:
      `${r.instrument}${r.site ? ` in ${r.site}` : ''}: expected ${r.expected.timePoint}:${r.expected.frame} (${r.expected.n} responses) ` +
      `against actual ${r.actual.timePoint}:${r.actual.frame} (${r.actual.n} responses), item means`,
    head: ['item', 'label', 'expected', 'actual', 'difference'],
    rows: r.items.map((i) => [i.item, i.label ?? '', r3(i.expected), r3(i.actual), r3(i.difference)]),
    notes: [],
  }),
  'compare-kinds': (r) => ({
    title: `${r.kinds[0]} against ${r.kinds[1]} on ${r.pairedCases} paired cases: total (paired t-test) and each item (Cohen's kappa)`,
    head: ['item', 'n', 'observed', 'kappa', 'mean_difference', 't', 'df', 'p'],
    rows: [
      ['total', count(r.pairedCases), '', '', r3(r.total.meanDifference), r3(r.total.t), count(r.total.df), p(r.total.p)],
      ...r.items.map((i) => [i.item, count(i.n), r3(i.observed), r3(i.kappa), '', '', '', '']),
    ],
    notes: notesOf([['total', r.total], ...r.items.map((i) => [`${i.item} kappa`, i] as [string, { notComputable: NotComputable | null }])]),
  }),
};

export function instrumentTable<K extends InstrumentReportName>(name: K, result: InstrumentReports[K]): Tabular {
  return TABLES[name](result);
}
