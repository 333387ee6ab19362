import { renderTemplate } from '@mapwork/kernel';
import { MappingData, NetworkMeetingData, PersonState, SafetyPlanData } from './domain';
import { familyNameFor, raterLabels } from './people-words';

/**
 * Printable documents from case records: the Signs of Safety map and the family-facing
 * safety plan. Handlebars escapes every value (the templates never use triple braces),
 * so whatever anyone typed is shown as text, never run. Dates reach the templates as
 * stored and are written for people there (`{{date …}}`).
 */
const ROLE_WORDS: Record<string, string> = {
  child: 'child', parent: 'parent', carer: 'carer', relative: 'relative', friend: 'friend', community: 'community member', professional: 'professional',
};
const KINDS: Record<string, string> = { initial: 'Initial', review: 'Review', conference: 'Conference', supervision: 'Supervision' };

/** The case's allocated social worker and how to reach them. */
export interface WorkerContact {
  name: string;
  email: string | null;
  phone: string | null;
}

export interface PrintableCase {
  ref: string;
  team: string | null;
  /** everyone the case's records refer to; a deleted person is still named, but signs nothing */
  people: Array<PersonState & { deleted?: boolean }>;
  /** null when the case has no allocated worker this system knows (or their account is closed) */
  worker: WorkerContact | null;
}

function nameOf(people: PersonState[], id: string | undefined, role?: string): string {
  const p = id ? people.find((x) => x.id === id) : undefined;
  if (p?.name) return p.name;
  return ROLE_WORDS[p?.role ?? role ?? ''] ?? 'someone';
}

function children(c: PrintableCase): string {
  const names = c.people.filter((p) => p.role === 'child').map((p) => p.name ?? 'the child');
  return names.length ? names.join(' and ') : `case ${c.ref}`;
}

/** The three columns and the scale underneath, for one mapping. */
export function renderMap(c: PrintableCase, mapping: { id: string; version: number; data: MappingData }): string {
  const m = mapping.data;
  const who = raterLabels(m.scaleRatings ?? [], c.people, c.worker?.name ?? null);
  const ratings = (m.scaleRatings ?? []).map((r, i) => ({
    who: who[i],
    score: r.score,
    reason: r.reason ?? null,
    position: r.score * 10,
    // the marker's arrow sits on the score; its words run towards the middle of the scale
    towardsLeft: r.score > 5,
  }));
  return renderTemplate('sofs-map', {
    childNames: children(c),
    caseRef: c.ref,
    version: mapping.version,
    heldOn: m.heldOn,
    kindLabel: KINDS[m.kind] ?? m.kind,
    participants: (m.participants ?? []).map((p) => (p.personId ? nameOf(c.people, p.personId, p.role) : (p.label ?? ROLE_WORDS[p.role] ?? p.role))),
    harm: (m.harm ?? []).map((x) => x.text),
    dangerStatements: (m.dangerStatements ?? []).map((d) => d.text),
    complicatingFactors: (m.complicatingFactors ?? []).map((x) => x.text),
    existingStrengths: (m.existingStrengths ?? []).map((x) => x.text),
    existingSafety: (m.existingSafety ?? []).map((x) => x.text),
    safetyGoals: (m.safetyGoals ?? []).map((g) => g.text),
    nextSteps: (m.nextSteps ?? []).map((s) => ({ text: s.text, owner: s.owner ?? null, dueOn: s.dueOn ?? null })),
    ticks: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ratings,
  });
}

/** Items by id from lists newest first: the first (newest) of each id, in the order met. */
function latestById<T extends { id: string }>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

/** Who signs the plan: the child's parents and carers, then the plan's network, each once. */
function signatories(c: PrintableCase, plan: SafetyPlanData): Array<{ name: string; says: string | null }> {
  const ids = [...c.people.filter((p) => p.role === 'parent' || p.role === 'carer').map((p) => p.id), ...(plan.network ?? []).map((n) => n.personId)];
  return [...new Set(ids)]
    .map((id) => c.people.find((x) => x.id === id && !x.deleted))
    .filter((p) => p !== undefined)
    .map((p) => {
      const says = familyNameFor(p);
      const name = p.name ?? says;
      return { name, says: says !== name ? says : null };
    });
}

export interface FamilyPlanContext {
  /** the case's mappings, for the goals the plan serves and the worries behind them */
  mappings: MappingData[];
  /** the case's network meetings, for the next one planned */
  meetings: NetworkMeetingData[];
  /** the calendar date (UK) the plan is printed as at */
  on: string;
}

/**
 * The safety plan as the family keeps it: plain words, names instead of ids, the goals
 * it serves and the worries behind them, who their social worker is and how to reach
 * them, when it was last looked at, and a place for everyone to sign.
 *
 * The plan holds no next-review date (`sofs-casefile/1` has none, and a record's fields
 * are the format's), so none is made up: the family and worker write it in by hand. The
 * next network meeting already planned is shown, because the network reviews the plan.
 */
export function renderFamilySafetyPlan(c: PrintableCase, plan: SafetyPlanData, context: FamilyPlanContext): string {
  // a goal or statement id usually recurs in every mapping of the case: take each once, as the latest mapping has it
  const latestFirst = [...context.mappings].sort((a, b) => (a.heldOn < b.heldOn ? 1 : a.heldOn > b.heldOn ? -1 : 0));
  const goals = latestById(latestFirst.map((m) => m.safetyGoals ?? []));
  const served = goals.filter((g) => (plan.goalIds ?? []).includes(g.id));
  const statements = latestById(latestFirst.map((m) => m.dangerStatements ?? []));
  const addressed = new Set(served.flatMap((g) => g.addresses ?? []));
  const worries = statements.filter((d) => addressed.has(d.id));
  const people = (ids: string[]) => ids.map((id) => nameOf(c.people, id)).join(', ');
  const nextMeeting = context.meetings
    .filter((m) => m.status === 'planned' && m.heldOn >= context.on)
    .map((m) => m.heldOn)
    .sort()[0];
  return renderTemplate('family-safety-plan', {
    childNames: children(c),
    agreedOn: plan.agreedOn ?? null,
    lastReviewedOn: plan.lastReviewedOn ?? null,
    nextMeetingOn: nextMeeting ?? null,
    familyWords: plan.familyWords ?? false,
    worker: c.worker,
    team: c.team,
    worries: [...new Set((worries.length ? worries : statements.slice(-1)).map((d) => d.text))],
    goals: served.map((g) => g.text),
    rules: (plan.rules ?? []).map((r) => ({ text: r.text, who: people(r.ensuredBy ?? []) })),
    network: (plan.network ?? []).map((n) => {
      const p = c.people.find((x) => x.id === n.personId);
      return { name: nameOf(c.people, n.personId), relationship: p?.relationship ?? null, commitment: n.commitment ?? null };
    }),
    signatories: signatories(c, plan),
  });
}
