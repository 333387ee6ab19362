import { RecordData } from './domain';
import { summariseCase } from './case-summary';

const mapping = (heldOn: string, nextSteps: Array<{ text: string; owner?: string | null; dueOn?: string | null }>) =>
  ({ heldOn, kind: 'review', participants: [], harm: [], complicatingFactors: [], existingStrengths: [], existingSafety: [], dangerStatements: [], safetyGoals: [], nextSteps, scaleRatings: [] }) as RecordData;

describe('a case at a glance', () => {
  const people = [
    { id: 'c1', role: 'child' as const, name: 'Ellie' },
    { id: 'c2', role: 'child' as const, name: null },
    { id: 'c3', role: 'child' as const, name: 'Gone', deleted: true },
    { id: 'p1', role: 'parent' as const, name: 'Kerry' },
  ];

  it('takes next and overdue steps from the latest mapping only, and the earliest dated thing ahead', () => {
    const s = summariseCase(
      {
        people,
        records: [
          { type: 'mapping', id: 'm1', data: mapping('2019-12-01', [{ text: 'old and overdue', dueOn: '2019-12-10' }]) },
          { type: 'mapping', id: 'm2', data: mapping('2020-01-02', [{ text: 'late', owner: 'Kerry', dueOn: '2020-01-05' }, { text: 'soon', dueOn: '2020-01-20' }, { text: 'undated' }]) },
          { type: 'network_meeting', id: 'nm1', data: { heldOn: '2020-01-10', status: 'planned', attendees: [], purpose: 'Agree the plan' } as RecordData },
          { type: 'network_meeting', id: 'nm2', data: { heldOn: '2020-01-08', status: 'cancelled', attendees: [] } as RecordData },
          { type: 'mapping', id: 'm3', data: null },
        ],
      },
      '2020-01-06',
    );
    expect(s).toEqual({
      children: ['Ellie', 'c2'],
      next: { on: '2020-01-10', what: 'network_meeting', text: 'Agree the plan' },
      lastRecordedOn: '2020-01-02',
      overdueSteps: [{ text: 'late', owner: 'Kerry', dueOn: '2020-01-05' }],
    });
  });

  it('says when nothing is dated ahead: the latest record’s own date (held, completed, reviewed or agreed)', () => {
    const s = summariseCase(
      {
        people,
        records: [
          { type: 'safety_plan', id: 'sp1', data: { status: 'agreed', agreedOn: '2019-11-01', lastReviewedOn: '2019-12-15', rules: [], network: [] } as RecordData },
          { type: 'child_voice', id: 'cv1', data: { tool: 'three_houses', childId: 'c1', completedOn: '2019-12-01' } as RecordData },
        ],
      },
      '2020-01-06',
    );
    expect(s).toMatchObject({ next: null, lastRecordedOn: '2019-12-15', overdueSteps: [] });
    expect(summariseCase({ people: [], records: [] }, '2020-01-06')).toEqual({ children: [], next: null, lastRecordedOn: null, overdueSteps: [] });
  });
});
