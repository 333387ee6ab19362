import { recordReferenceProblems } from './references';

const people = new Map([['c1', 'child'], ['p1', 'parent'], ['n1', 'relative']]);
const ctx = { people, goalsMustAddressKnownStatements: true };
const mapping = (over: object) => ({
  heldOn: '2020-01-01', kind: 'initial', participants: [], harm: [], complicatingFactors: [], existingStrengths: [], existingSafety: [],
  dangerStatements: [], safetyGoals: [], nextSteps: [], scaleRatings: [], ...over,
});

describe('recordReferenceProblems', () => {
  it('accepts participants given by role only, and people of the case in their own role', () => {
    expect(recordReferenceProblems('mapping', mapping({ participants: [{ role: 'professional', label: 'hv' }, { personId: 'p1', role: 'parent' }] }) as never, ctx)).toEqual([]);
  });
  it('names unknown people and mismatched roles at their own pointers', () => {
    expect(recordReferenceProblems('network_meeting', { heldOn: '2020-01-01', status: 'held', attendees: [{ personId: 'p1', role: 'parent' }, { personId: 'x', role: 'friend' }, { personId: 'n1', role: 'friend' }] } as never, ctx)).toEqual([
      { pointer: '/attendees/1/personId', rule: 'personOfCase', message: expect.any(String) },
      { pointer: '/attendees/2/role', rule: 'roleOfPerson', message: expect.any(String) },
    ]);
  });
  it('keeps dangling goal references when the source is another system', () => {
    const m = mapping({ safetyGoals: [{ id: 'g1', text: 'x', addresses: ['nope'] }] }) as never;
    expect(recordReferenceProblems('mapping', m, ctx)).toHaveLength(1);
    expect(recordReferenceProblems('mapping', m, { ...ctx, goalsMustAddressKnownStatements: false })).toEqual([]);
  });
  it('checks ensuredBy ids, network members and the child of child’s-voice work', () => {
    expect(recordReferenceProblems('safety_plan', { status: 'draft', rules: [{ text: 'r', ensuredBy: ['p1', 'z'] }], network: [{ personId: 'y' }] } as never, ctx).map((p) => p.pointer)).toEqual([
      '/rules/0/ensuredBy/1',
      '/network/0/personId',
    ]);
    expect(recordReferenceProblems('child_voice', { tool: 'other', childId: 'n1', completedOn: '2020-01-01' } as never, ctx)).toEqual([
      { pointer: '/childId', rule: 'childOfCase', message: expect.any(String) },
    ]);
  });
});
