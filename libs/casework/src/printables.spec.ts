import { MappingData, SafetyPlanData } from './domain';
import { renderFamilySafetyPlan } from './printables';

const mapping = (heldOn: string, goalText: string): MappingData =>
  ({
    heldOn, kind: 'review', participants: [], harm: [], complicatingFactors: [], existingStrengths: [], existingSafety: [], nextSteps: [], scaleRatings: [],
    dangerStatements: [{ id: 'd1', text: `worry as of ${heldOn}` }],
    safetyGoals: [{ id: 'g1', text: goalText, addresses: ['d1'] }],
  }) as MappingData;

describe('the family safety plan', () => {
  it('shows each goal and worry once, as the latest mapping words it', () => {
    const plan: SafetyPlanData = { status: 'agreed', agreedOn: '2020-01-10', rules: [{ text: 'rule', ensuredBy: ['p1'] }], network: [], goalIds: ['g1'] };
    const html = renderFamilySafetyPlan(
      { ref: 'R', people: [{ id: 'c1', role: 'child', name: 'Ana' }, { id: 'p1', role: 'parent', name: 'Bea' }] },
      plan,
      [mapping('2020-01-01', 'old goal'), mapping('2020-03-01', 'new goal')],
    );
    expect(html.match(/new goal/g)).toHaveLength(1);
    expect(html).not.toContain('old goal');
    expect(html.match(/worry as of 2020-03-01/g)).toHaveLength(1);
    expect(html).toContain('Who makes sure this happens: Bea');
    expect(html).toContain('Ana: our safety plan');
  });
});
