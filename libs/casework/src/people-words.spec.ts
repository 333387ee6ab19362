import fc from 'fast-check';
import { PERSON_ROLES, PersonState } from './domain';
import { ScaleRating, familyNameFor, raterLabels, relationshipWords } from './people-words';

const PEOPLE: PersonState[] = [
  { id: 'c1', role: 'child', name: 'Ellie Carter' },
  { id: 'm1', role: 'parent', name: 'Kerry Carter', relationship: 'Mother' },
  { id: 'd1', role: 'parent', name: 'Dean Carter', relationship: 'father' },
  { id: 'p2', role: 'parent', name: 'Lee Hart' },
  { id: 'p3', role: 'parent', name: 'Jo Hart' },
  { id: 'g1', role: 'relative', name: 'Pauline Carter', relationship: 'maternal grandmother' },
  { id: 'r1', role: 'relative', name: 'Tom Carter' },
  { id: 'f1', role: 'friend', name: 'Sandra Osei' },
  { id: 'f2', role: 'friend', name: null },
  { id: 'h1', role: 'professional', name: 'Priya Shah', relationship: 'health visitor' },
  { id: 'h2', role: 'professional', name: null },
];
const rating = (raterRole: ScaleRating['raterRole'], personId?: string): ScaleRating => ({ raterRole, personId, score: 5 });

describe('relationships in the words a family would use', () => {
  it.each([
    ['mother', 'mum'],
    ['Father', 'dad'],
    ['maternal grandmother', 'gran'],
    ['Paternal Grandfather', 'grandad'],
    ['great-grandmother', 'great-gran'],
    ['step-father', 'stepdad'],
    ["mother's partner", "mum's partner"],
    ['aunt', 'aunt'],
    ['  family   friend ', 'family friend'],
    ['', null],
    [null, null],
  ])('%j → %j', (written, said) => expect(relationshipWords(written)).toBe(said));

  it('calls a person by relationship, else by name where that is what a family does, else by plain words for the role', () => {
    expect(PEOPLE.map(familyNameFor)).toEqual(['Ellie Carter', 'mum', 'dad', 'parent', 'parent', 'gran', 'family', 'Sandra Osei', 'network', 'health visitor', 'another professional']);
  });
});

describe('who rated, on the safety scale', () => {
  it('names the worker, the family by relationship and the network, never by role code', () => {
    const ratings = [rating('professional'), rating('parent', 'm1'), rating('relative', 'g1'), rating('friend', 'f1'), rating('community'), rating('professional', 'h1'), rating('parent'), rating('child', 'c1')];
    expect(raterLabels(ratings, PEOPLE, 'Sam Okafor')).toEqual(['Sam Okafor', 'mum', 'gran', 'Sandra Osei', 'network', 'health visitor', 'parent', 'Ellie Carter']);
  });

  it('says "social worker" when the worker is not known', () => {
    expect(raterLabels([rating('professional')], PEOPLE, null)).toEqual(['social worker']);
  });

  it('tells apart two people who would read alike by first name, but not one person rating twice', () => {
    expect(raterLabels([rating('parent', 'p2'), rating('parent', 'p3'), rating('parent', 'm1')], PEOPLE, null)).toEqual(['parent (Lee)', 'parent (Jo)', 'mum']);
    expect(raterLabels([rating('parent', 'm1'), rating('parent', 'm1')], PEOPLE, null)).toEqual(['mum', 'mum']);
  });

  it('never shows a role code for a rater known only by role', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PERSON_ROLES.filter((r) => r !== 'professional')), { maxLength: 6 }), (roles) => {
        const labels = raterLabels(roles.map((r) => rating(r)), [], 'Sam Okafor');
        for (const label of labels) expect(['friend', 'relative', 'community', 'professional']).not.toContain(label);
      }),
    );
  });
});
