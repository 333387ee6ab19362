import { MappingData, PersonRole, PersonState } from './domain';

/**
 * How a family would name the people on a case, for the pages they read: "mum", "gran",
 * "Sam Okafor", never a role code. Pure functions over the case's people.
 */

/** Words a family would say instead of the formal ones a record may hold. */
const FAMILY_WORDS: Array<[RegExp, string]> = [
  [/\bgreat[- ]grand(?:mother|ma)\b/g, 'great-gran'],
  [/\bgreat[- ]grand(?:father|pa)\b/g, 'great-grandad'],
  [/\bgrand(?:mother|ma)\b/g, 'gran'],
  [/\bgrand(?:father|pa)\b/g, 'grandad'],
  [/\bstep-?mother\b/g, 'stepmum'],
  [/\bstep-?father\b/g, 'stepdad'],
  [/\bmother\b/g, 'mum'],
  [/\bfather\b/g, 'dad'],
];

/** `maternal grandmother` → `gran`, `mother's partner` → `mum's partner`, `aunt` → `aunt`; null when nothing is written. */
export function relationshipWords(relationship: string | null | undefined): string | null {
  const text = (relationship ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return null;
  const words = FAMILY_WORDS.reduce((s, [formal, said]) => s.replace(formal, said), text.replace(/\b(?:maternal|paternal)\s+/g, ''));
  return words || text;
}

/** Plain words for a role, when that is all that is known of someone. */
const ROLE_ONLY: Record<PersonRole, string> = {
  child: 'child',
  parent: 'parent',
  carer: 'carer',
  relative: 'family',
  friend: 'network',
  community: 'network',
  professional: 'another professional',
};

/** What the family calls a person: their relationship in family words, else their name, else plain words for their role. */
export function familyNameFor(person: PersonState): string {
  const said = relationshipWords(person.relationship);
  if (said) return said;
  // a child, a friend or a professional is called by name; a parent or relative by what they are to the child
  if (person.name && (person.role === 'child' || person.role === 'friend' || person.role === 'community' || person.role === 'professional')) return person.name;
  return ROLE_ONLY[person.role];
}

export type ScaleRating = MappingData['scaleRatings'][number];

/**
 * Who gave each rating on the safety scale, as the family reads the map. A professional's
 * rating that names nobody is the social worker's: it carries the worker's name (the
 * case's allocated worker), or "social worker" when the worker is not known. Two raters
 * who would read alike are told apart by first name.
 */
export function raterLabels(ratings: readonly ScaleRating[], people: readonly PersonState[], workerName: string | null): string[] {
  const person = (r: ScaleRating) => (r.personId ? people.find((p) => p.id === r.personId) : undefined);
  const labels = ratings.map((r) => {
    const p = person(r);
    if (p) return familyNameFor(p);
    if (r.raterRole === 'professional') return r.personId ? ROLE_ONLY.professional : (workerName ?? 'social worker');
    return ROLE_ONLY[r.raterRole];
  });
  return labels.map((label, i) => {
    const p = person(ratings[i]);
    const clash = labels.some((other, j) => other === label && j !== i && person(ratings[j])?.id !== p?.id);
    const firstName = p?.name?.trim().split(/\s+/)[0];
    return clash && firstName && firstName !== label ? `${label} (${firstName})` : label;
  });
}
