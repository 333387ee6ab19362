import { renderTemplate } from '@mapwork/kernel';
import { MappingData, PersonState, SafetyPlanData } from './domain';

/**
 * Printable documents from case records: the Signs of Safety map and the family-facing
 * safety plan. Handlebars escapes every value (the templates never use triple braces),
 * so whatever anyone typed is shown as text, never run.
 */
const ROLE_WORDS: Record<string, string> = {
  child: 'child', parent: 'parent', carer: 'carer', relative: 'relative', friend: 'friend', community: 'community member', professional: 'professional',
};
const KINDS: Record<string, string> = { initial: 'Initial', review: 'Review', conference: 'Conference', supervision: 'Supervision' };

export interface PrintableCase {
  ref: string;
  people: PersonState[];
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
  const ratings = (m.scaleRatings ?? []).map((r, i) => ({
    who: r.personId ? nameOf(c.people, r.personId, r.raterRole) : (ROLE_WORDS[r.raterRole] ?? r.raterRole),
    score: r.score,
    reason: r.reason ?? null,
    position: r.score * 10,
    offset: 0.3 + (i % 3) * 0.8,
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
    nextSteps: (m.nextSteps ?? []).map((s) => ({ text: s.text, who: [s.owner, s.dueOn ? `by ${s.dueOn}` : null].filter(Boolean).join(', ') })),
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

/**
 * The safety plan as the family keeps it: plain words, names instead of ids, the goals
 * it serves (from the case's mappings) and the worries behind them.
 */
export function renderFamilySafetyPlan(c: PrintableCase, plan: SafetyPlanData, mappings: MappingData[]): string {
  // a goal or statement id usually recurs in every mapping of the case: take each once, as the latest mapping has it
  const latestFirst = [...mappings].sort((a, b) => (a.heldOn < b.heldOn ? 1 : a.heldOn > b.heldOn ? -1 : 0));
  const goals = latestById(latestFirst.map((m) => m.safetyGoals ?? []));
  const served = goals.filter((g) => (plan.goalIds ?? []).includes(g.id));
  const statements = latestById(latestFirst.map((m) => m.dangerStatements ?? []));
  const addressed = new Set(served.flatMap((g) => g.addresses ?? []));
  const worries = statements.filter((d) => addressed.has(d.id));
  const people = (ids: string[]) => ids.map((id) => nameOf(c.people, id)).join(', ');
  return renderTemplate('family-safety-plan', {
    childNames: children(c),
    agreedOn: plan.agreedOn ?? null,
    lastReviewedOn: plan.lastReviewedOn ?? null,
    familyWords: plan.familyWords ?? false,
    worries: [...new Set((worries.length ? worries : statements.slice(-1)).map((d) => d.text))],
    goals: served.map((g) => g.text),
    rules: (plan.rules ?? []).map((r) => ({ text: r.text, who: people(r.ensuredBy ?? []) })),
    network: (plan.network ?? []).map((n) => {
      const p = c.people.find((x) => x.id === n.personId);
      return { name: nameOf(c.people, n.personId), relationship: p?.relationship ?? null, commitment: n.commitment ?? null };
    }),
  });
}
