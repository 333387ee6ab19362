import { compareCodePoints } from '@mapwork/kernel/string-order';
import { instantToMillis, isInstant } from '@mapwork/kernel/time';
import { CHECKLIST_INDICATORS, DEPTH_INDICATORS, IndicatorSet, IndicatorValue } from './indicators';
import { FidelityCase, FidelityRecord, FidelityRevision } from './input';
import { isBlank, sameValue } from './values';

type Data = Record<string, unknown>;
type Item = Record<string, unknown>;

const FAMILY_ROLES = new Set(['child', 'parent', 'carer', 'relative']);
const PLAN_IN_PLACE = new Set(['agreed', 'active']);
const CHILD_VOICE_TOOLS = new Set(['three_houses', 'wizard_fairy', 'safety_house']);

/** The instant a report is made as at: validated once, then compared as milliseconds. */
export interface AsOf {
  /** exactly as given */
  instant: string;
  ms: number;
  /** the UTC calendar date of the instant, its first ten characters */
  date: string;
}

export class InvalidAsOfError extends Error {
  constructor(value: unknown) {
    super(`asOf must be a UTC instant like 2020-03-31T12:00:00Z (at most milliseconds, a real date); got ${JSON.stringify(value)}`);
  }
}

export function parseAsOf(instant: string): AsOf {
  if (!isInstant(instant)) throw new InvalidAsOfError(instant);
  return { instant, ms: instantToMillis(instant), date: instant.slice(0, 10) };
}

/** A record that exists at asOf: its current data and the revisions up to asOf. */
interface LiveRecord {
  id: string;
  data: Data;
  currentAtMs: number;
  history: readonly FidelityRevision[];
}

function asArray(value: unknown): Item[] {
  return Array.isArray(value) ? (value as Item[]) : [];
}

/** Records of one type as they stood at asOf (revisions are in time order). */
function liveRecords(records: readonly FidelityRecord[], type: string, asOf: AsOf): LiveRecord[] {
  const out: LiveRecord[] = [];
  for (const record of records) {
    if (record.type !== type) continue;
    let upTo = 0;
    let currentAtMs = 0;
    for (const rev of record.revisions) {
      const ms = instantToMillis(rev.at);
      if (ms > asOf.ms) break;
      upTo++;
      currentAtMs = ms;
    }
    const current = upTo > 0 ? record.revisions[upTo - 1] : undefined;
    if (current && current.data !== null) {
      out.push({ id: record.id, data: current.data, currentAtMs, history: record.revisions.slice(0, upTo) });
    }
  }
  return out;
}

/** Greatest heldOn; then the later current revision; then the greater id (code point order). */
function latestMapping(mappings: LiveRecord[]): LiveRecord | undefined {
  let best: LiveRecord | undefined;
  for (const m of mappings) {
    if (!best) {
      best = m;
      continue;
    }
    const byDate = compareCodePoints(String(m.data.heldOn ?? ''), String(best.data.heldOn ?? ''));
    if (byDate > 0 || (byDate === 0 && (m.currentAtMs > best.currentAtMs || (m.currentAtMs === best.currentAtMs && compareCodePoints(m.id, best.id) > 0)))) {
      best = m;
    }
  }
  return best;
}

/** fidelity.md "Reviewed": a later revision changed the rules, the network or lastReviewedOn. */
function planWasReviewed(plan: LiveRecord): boolean {
  const revs = plan.history;
  let start = -1;
  for (let i = 0; i < revs.length; i++) {
    const d = revs[i].data;
    if (d !== null && PLAN_IN_PLACE.has(d.status as string)) {
      start = i;
      break;
    }
  }
  if (start < 0) return false;
  let last = revs[start].data as Data;
  for (let i = start + 1; i < revs.length; i++) {
    const d = revs[i].data;
    if (d === null) continue;
    if (!sameValue(d.rules, last.rules) || !sameValue(d.network, last.network) || !sameValue(d.lastReviewedOn, last.lastReviewedOn)) return true;
    last = d;
  }
  return false;
}

export interface CaseScore {
  indicators: IndicatorSet;
  fidelity_index: number;
  depth_index: number | null;
}

/** The 16 indicators and the two indices of one case as it stood at asOf. */
export function scoreCase(c: FidelityCase, asOf: AsOf): CaseScore {
  const mappings = liveRecords(c.records, 'mapping', asOf);
  const plans = liveRecords(c.records, 'safety_plan', asOf).filter((p) => PLAN_IN_PLACE.has(p.data.status as string));
  const meetings = liveRecords(c.records, 'network_meeting', asOf);
  const voice = liveRecords(c.records, 'child_voice', asOf);
  const latest = latestMapping(mappings)?.data;

  const statements = asArray(latest?.dangerStatements);
  const goals = asArray(latest?.safetyGoals);
  const ratings = asArray(latest?.scaleRatings);
  const addressed = new Set(goals.flatMap((g) => asArray(g.addresses) as unknown as string[]));
  const raterRoles = new Set(ratings.map((r) => r.raterRole as string));

  let statementsHaveGoals: IndicatorValue;
  if (!latest) statementsHaveGoals = false;
  else if (statements.length === 0) statementsHaveGoals = null;
  else statementsHaveGoals = statements.every((d) => addressed.has(d.id as string));

  const indicators: IndicatorSet = {
    mapping_recorded: mappings.length > 0,
    family_involved_in_mapping: mappings.some((m) => asArray(m.data.participants).some((p) => FAMILY_ROLES.has(p.role as string))),
    danger_statement_recorded: statements.length >= 1,
    multiple_danger_statements: statements.length >= 2,
    danger_statements_have_goals: statementsHaveGoals,
    existing_strengths_recorded: asArray(latest?.existingStrengths).length >= 1,
    existing_safety_recorded: asArray(latest?.existingSafety).length >= 1,
    safety_goals_recorded: goals.length >= 1,
    safety_plan_in_place: plans.length > 0,
    safety_plan_reviewed: plans.length === 0 ? null : plans.some(planWasReviewed),
    family_network_meeting_held: meetings.some(
      (m) =>
        m.data.status === 'held' &&
        typeof m.data.heldOn === 'string' &&
        m.data.heldOn <= asOf.date &&
        asArray(m.data.attendees).some((a) => a.role !== 'professional'),
    ),
    child_voice_recorded: voice.some((v) => CHILD_VOICE_TOOLS.has(v.data.tool as string)),
    words_and_pictures_recorded: voice.some((v) => v.data.tool === 'words_and_pictures'),
    danger_statements_well_formed:
      !latest || statements.length === 0 ? null : statements.every((d) => !isBlank(d.worriedWho) && !isBlank(d.behaviour) && !isBlank(d.impact)),
    scale_multiple_perspectives: !latest ? null : raterRoles.size >= 2 && [...raterRoles].some((r) => FAMILY_ROLES.has(r)),
    plan_rules_have_network:
      plans.length === 0 ? null : plans.every((p) => asArray(p.data.rules).length >= 1 && asArray(p.data.rules).every((r) => asArray(r.ensuredBy).length >= 1)),
  };
  return { indicators, fidelity_index: share(indicators, CHECKLIST_INDICATORS)!, depth_index: share(indicators, DEPTH_INDICATORS) };
}

/** true ÷ not-null over some indicators; null when all are null. */
function share(indicators: IndicatorSet, ids: readonly (keyof IndicatorSet)[]): number | null {
  let met = 0;
  let applicable = 0;
  for (const id of ids) {
    const v = indicators[id];
    if (v === null) continue;
    applicable++;
    if (v) met++;
  }
  return applicable === 0 ? null : met / applicable;
}
