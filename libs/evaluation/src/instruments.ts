import type { FieldProblem } from '@mapwork/kernel/errors';
import { pointerSegment } from '@mapwork/kernel/json-input';
import { CronbachAlphaResult, NotComputable, cohenKappa, cronbachAlpha, notComputable, pairedTTest, tScores } from '@mapwork/statistics';

export const RESPONDENT_KINDS = ['parent', 'child', 'social_worker', 'manager', 'strategic_lead'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];
export const TIME_POINTS = ['T1', 'T2', 'T3'] as const;
export type TimePoint = (typeof TIME_POINTS)[number];

/**
 * A standardised instrument: items answered on one integer scale, some reverse-keyed,
 * grouped into subscales. Item wording is optional: where a deployer must license an
 * instrument's wording, the definition carries only its structure.
 */
export interface InstrumentDefinition {
  id: string;
  name: string;
  description?: string;
  /** who holds the wording, and whether it is included */
  wordingNote?: string;
  scale: { min: number; max: number; labels?: Record<string, string> };
  /** what the respondent rates, when one response can rate several (e.g. `now`, `hoped_for`) */
  frames?: string[];
  respondentKinds: RespondentKind[];
  items: Array<{ id: string; label?: string; wording?: string | null; reverse?: boolean }>;
  subscales: Array<{ id: string; name: string; items: string[] }>;
}

export interface InstrumentResponse {
  respondentKind: RespondentKind;
  site: string;
  caseRef?: string | null;
  timePoint: TimePoint;
  frame?: string | null;
  answers: Record<string, number | null>;
}

const ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Everything wrong with a definition, by JSON Pointer. */
export function definitionProblems(d: InstrumentDefinition): FieldProblem[] {
  const out: FieldProblem[] = [];
  const p = (pointer: string, rule: string, message: string) => out.push({ pointer, rule, message });
  if (typeof d !== 'object' || d === null) return [{ pointer: '', rule: 'type', message: 'a definition is an object' }];
  if (typeof d.id !== 'string' || !ID.test(d.id)) p('/id', 'pattern', 'id: lower-case letters, digits, dot, dash, underscore; at most 64');
  if (typeof d.name !== 'string' || !d.name.trim()) p('/name', 'required', 'a name is required');
  const text = (value: unknown, pointer: string, nullable = false) => {
    if (value !== undefined && typeof value !== 'string' && !(nullable && value === null)) p(pointer, 'type', `${pointer.slice(pointer.lastIndexOf('/') + 1)} is text`);
  };
  text(d.description, '/description');
  text(d.wordingNote, '/wordingNote');
  if (!d.scale || !Number.isInteger(d.scale.min) || !Number.isInteger(d.scale.max) || d.scale.min >= d.scale.max) p('/scale', 'scale', 'scale needs integer min < max');
  const labels: unknown = d.scale?.labels;
  if (labels !== undefined && (!isObject(labels) || Object.values(labels).some((l) => typeof l !== 'string'))) {
    p('/scale/labels', 'type', 'labels are text by scale point, e.g. {"1": "never"}');
  }
  if (!Array.isArray(d.respondentKinds) || !d.respondentKinds.length || d.respondentKinds.some((k) => !RESPONDENT_KINDS.includes(k))) {
    p('/respondentKinds', 'enum', `respondent kinds are some of ${RESPONDENT_KINDS.join(', ')}`);
  }
  if (d.frames !== undefined && (!Array.isArray(d.frames) || d.frames.some((f) => typeof f !== 'string' || !ID.test(f)))) p('/frames', 'pattern', 'frames are short ids');
  const items = new Set<string>();
  if (!Array.isArray(d.items) || !d.items.length) p('/items', 'minItems', 'an instrument has items');
  else
    d.items.forEach((item, i) => {
      if (!isObject(item)) return p(`/items/${i}`, 'type', 'an item is an object');
      if (typeof item?.id !== 'string' || !ID.test(item.id)) p(`/items/${i}/id`, 'pattern', 'item ids are short ids');
      else if (items.has(item.id)) p(`/items/${i}/id`, 'unique', `item id ${item.id} is used twice`);
      else items.add(item.id);
      if (item?.reverse !== undefined && typeof item.reverse !== 'boolean') p(`/items/${i}/reverse`, 'type', 'reverse is true or false');
      text(item?.label, `/items/${i}/label`);
      text(item?.wording, `/items/${i}/wording`, true);
    });
  const subscales = new Set<string>();
  (Array.isArray(d.subscales) ? d.subscales : []).forEach((s, i) => {
    if (!isObject(s)) return p(`/subscales/${i}`, 'type', 'a subscale is an object');
    if (typeof s?.id !== 'string' || !ID.test(s.id)) p(`/subscales/${i}/id`, 'pattern', 'subscale ids are short ids');
    else if (subscales.has(s.id)) p(`/subscales/${i}/id`, 'unique', `subscale id ${s.id} is used twice`);
    else subscales.add(s.id);
    if (typeof s?.name !== 'string' || !s.name.trim()) p(`/subscales/${i}/name`, 'required', 'a subscale has a name');
    if (!Array.isArray(s?.items)) p(`/subscales/${i}/items`, 'type', 'a subscale lists the ids of its items');
    (Array.isArray(s?.items) ? s.items : []).forEach((id, j) => {
      if (!items.has(id)) p(`/subscales/${i}/items/${j}`, 'itemOfInstrument', `${id} is not an item of this instrument`);
    });
  });
  if (!Array.isArray(d.subscales)) p('/subscales', 'type', 'subscales is a list (it may be empty)');
  return out;
}

/** Everything wrong with a response to a definition: out-of-range answers are named by item. */
export function responseProblems(d: InstrumentDefinition, r: InstrumentResponse): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!d.respondentKinds.includes(r.respondentKind)) out.push({ pointer: '/respondentKind', rule: 'kindOfInstrument', message: `${d.name} is answered by ${d.respondentKinds.join(', ')}` });
  if (d.frames?.length) {
    if (!r.frame || !d.frames.includes(r.frame)) out.push({ pointer: '/frame', rule: 'frameOfInstrument', message: `frame must be one of ${d.frames.join(', ')}` });
  } else if (r.frame) out.push({ pointer: '/frame', rule: 'noFrames', message: `${d.name} has no frames` });
  const items = new Set(d.items.map((i) => i.id));
  for (const [id, value] of Object.entries(r.answers ?? {})) {
    const pointer = `/answers/${pointerSegment(id)}`;
    if (!items.has(id)) out.push({ pointer, rule: 'itemOfInstrument', message: `${id} is not an item of ${d.name}` });
    else if (value !== null && (!Number.isInteger(value) || value < d.scale.min || value > d.scale.max)) {
      out.push({ pointer, rule: 'range', message: `answers are whole numbers from ${d.scale.min} to ${d.scale.max}` });
    }
  }
  return out;
}

/** An answer as it counts: reverse-keyed items turned round on the scale. */
function keyed(d: InstrumentDefinition, itemId: string, value: number): number {
  return d.items.find((i) => i.id === itemId)?.reverse ? d.scale.min + d.scale.max - value : value;
}

export interface Score {
  /** items answered */
  answered: number;
  sum: number | null;
  mean: number | null;
}

export interface ResponseScores {
  total: Score;
  subscales: Record<string, Score>;
}

function score(d: InstrumentDefinition, answers: Record<string, number | null>, items: string[]): Score {
  const values = items.filter((id) => typeof answers[id] === 'number').map((id) => keyed(d, id, answers[id] as number));
  const sum = values.reduce((s, v) => s + v, 0);
  return { answered: values.length, sum: values.length ? sum : null, mean: values.length ? sum / values.length : null };
}

/** Subscale and total scores of one response: sums and means over the answered items, reverse keying applied. */
export function scoreResponse(d: InstrumentDefinition, answers: Record<string, number | null>): ResponseScores {
  return {
    total: score(d, answers, d.items.map((i) => i.id)),
    subscales: Object.fromEntries(d.subscales.map((s) => [s.id, score(d, answers, s.items)])),
  };
}

const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : null);
const sd = (v: number[]) => {
  if (v.length < 2) return null;
  const m = mean(v)!;
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
};

export interface GroupSummary {
  key: string;
  n: number;
  total: { mean: number | null; sd: number | null };
  subscales: Record<string, { mean: number | null; sd: number | null; alpha: CronbachAlphaResult }>;
  /** Cronbach's alpha over the respondents who answered every item */
  alpha: CronbachAlphaResult;
}

/** Alpha over the respondents who answered every item of a scale (reverse keying applied). */
function alphaOf(d: InstrumentDefinition, responses: InstrumentResponse[], items: string[]): CronbachAlphaResult {
  const complete = responses.filter((r) => items.every((id) => typeof r.answers[id] === 'number'));
  return cronbachAlpha(complete.map((r) => items.map((id) => keyed(d, id, r.answers[id] as number))));
}

/** Per group: how many responded, mean and SD of their (mean) scores, Cronbach's alpha per subscale. */
export function summarise(d: InstrumentDefinition, responses: InstrumentResponse[], groupOf: (r: InstrumentResponse) => string): GroupSummary[] {
  const groups = new Map<string, InstrumentResponse[]>();
  for (const r of responses) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
  return [...groups.keys()].sort().map((key) => {
    const rs = groups.get(key)!;
    const scores = rs.map((r) => scoreResponse(d, r.answers));
    const stat = (values: Array<number | null>) => {
      const v = values.filter((x): x is number => x !== null);
      return { mean: mean(v), sd: sd(v) };
    };
    return {
      key,
      n: rs.length,
      total: stat(scores.map((s) => s.total.mean)),
      alpha: alphaOf(d, rs, d.items.map((i) => i.id)),
      subscales: Object.fromEntries(d.subscales.map((s) => [s.id, { ...stat(scores.map((x) => x.subscales[s.id].mean)), alpha: alphaOf(d, rs, s.items) }])),
    };
  });
}

/**
 * Two respondent kinds on the same cases (e.g. worker and family): mean difference of
 * total means with a paired t-test, and per-item Cohen's kappa on the answers, each with
 * `notComputable` saying why a figure is null (no pairs, one pair, no spread).
 */
export function compareKinds(d: InstrumentDefinition, responses: InstrumentResponse[], a: RespondentKind, b: RespondentKind) {
  const key = (r: InstrumentResponse) => `${r.site}\u0000${r.caseRef}\u0000${r.timePoint}\u0000${r.frame ?? ''}`;
  const of = (kind: RespondentKind) => new Map(responses.filter((r) => r.respondentKind === kind && r.caseRef).map((r) => [key(r), r]));
  const [ra, rb] = [of(a), of(b)];
  const pairs = [...ra.keys()].filter((k) => rb.has(k)).sort().map((k) => [ra.get(k)!, rb.get(k)!] as const);
  const totals = pairs
    .map(([x, y]) => [scoreResponse(d, x.answers).total.mean, scoreResponse(d, y.answers).total.mean] as const)
    .filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null);
  return {
    kinds: [a, b],
    pairedCases: pairs.length,
    total: pairedTTest(totals.map((p) => p[0]), totals.map((p) => p[1])),
    items: d.items.map((item) => {
      const both = pairs.filter(([x, y]) => typeof x.answers[item.id] === 'number' && typeof y.answers[item.id] === 'number');
      return { item: item.id, ...cohenKappa(both.map(([x, y]) => [x.answers[item.id] as number, y.answers[item.id] as number] as const)) };
    }),
  };
}

/**
 * Each site's mean score as a T-score against all sites (the profiling tool):
 * T = 50 + 10·(x − mean)/sd over the sites' means, sample sd (fidelity.md §5).
 */
export function siteTScores(d: InstrumentDefinition, responses: InstrumentResponse[]) {
  const sites = [...new Set(responses.map((r) => r.site))].sort();
  const siteMean = (site: string, items: string[]) =>
    mean(responses.filter((r) => r.site === site).map((r) => score(d, r.answers, items).mean).filter((x): x is number => x !== null));
  const column = (items: string[]): Array<{ mean: number | null; t: number | null; notComputable: NotComputable | null }> => {
    const means = sites.map((s) => siteMean(s, items));
    const known = means.map((m, i) => [m, i] as const).filter(([m]) => m !== null) as Array<readonly [number, number]>;
    const scores = tScores(known.map(([m]) => m));
    const out = new Map<number, number | null>(known.map(([, i], j) => [i, scores.t[j]]));
    return sites.map((_, i) =>
      means[i] === null
        ? { mean: null, t: null, notComputable: notComputable('NO_DATA', 'no answers from this site') }
        : { mean: means[i], t: out.get(i) ?? null, notComputable: scores.notComputable },
    );
  };
  const total = column(d.items.map((i) => i.id));
  const subs = d.subscales.map((s) => ({ id: s.id, values: column(s.items) }));
  return sites.map((site, i) => ({
    site,
    n: responses.filter((r) => r.site === site).length,
    total: total[i],
    subscales: Object.fromEntries(subs.map((s) => [s.id, s.values[i]])),
  }));
}

/** Where respondents hoped to be (one frame, at one time) against where they were later (another frame and time), item by item. */
export function expectedVsActual(
  d: InstrumentDefinition,
  responses: InstrumentResponse[],
  expected: { timePoint: TimePoint; frame: string },
  actual: { timePoint: TimePoint; frame: string },
) {
  const pick = (w: { timePoint: TimePoint; frame: string }) => responses.filter((r) => r.timePoint === w.timePoint && r.frame === w.frame);
  const [e, a] = [pick(expected), pick(actual)];
  const itemMean = (rs: InstrumentResponse[], id: string) => mean(rs.map((r) => r.answers[id]).filter((x): x is number => typeof x === 'number'));
  return {
    expected: { ...expected, n: e.length },
    actual: { ...actual, n: a.length },
    items: d.items.map((item) => {
      const [x, y] = [itemMean(e, item.id), itemMean(a, item.id)];
      return { item: item.id, label: item.label ?? null, expected: x, actual: y, difference: x === null || y === null ? null : y - x };
    }),
  };
}

/**
 * The shape of the evaluation's Table 2: per element (item) and site, the percentage of
 * respondents whose answer is at least `threshold` (e.g. "with some or all families"),
 * with the number of respondents and, given the site's headcount, their share of it.
 */
export function elementUse(d: InstrumentDefinition, responses: InstrumentResponse[], threshold: number, headcount: Record<string, number> = {}) {
  const sites = [...new Set(responses.map((r) => r.site))].sort();
  return {
    threshold,
    sites: sites.map((site) => {
      const rs = responses.filter((r) => r.site === site);
      return { site, n: rs.length, shareOfWorkforce: headcount[site] ? rs.length / headcount[site] : null };
    }),
    items: d.items.map((item) => ({
      item: item.id,
      label: item.label ?? item.id,
      sites: sites.map((site) => {
        const answered = responses.filter((r) => r.site === site && typeof r.answers[item.id] === 'number');
        const using = answered.filter((r) => (r.answers[item.id] as number) >= threshold).length;
        return { site, answered: answered.length, using, percent: answered.length ? (100 * using) / answered.length : null };
      }),
    })),
  };
}
