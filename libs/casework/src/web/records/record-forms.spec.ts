import { PersonView } from '../../services/views';
import { ChildVoiceData, MappingData, NetworkMeetingData, RecordData, SafetyPlanData } from '../../domain';
import { RECORD_FORMS } from './record-forms';
import { CaseContext, recordForm } from './record-form-kit';

const people: PersonView[] = [
  { id: 'c1', role: 'child', name: 'Ellie Carter', version: 1 },
  { id: 'p1', role: 'parent', name: 'Kerry Carter', version: 1 },
  { id: 'n1', role: 'relative', name: 'Pauline Carter', version: 1 },
  { id: 'f1', role: 'friend', name: null, version: 1 },
];
const ctx: CaseContext = { caseId: 'case', people, records: [] };

const mapping: MappingData = {
  heldOn: '2020-01-06',
  kind: 'review',
  participants: [{ personId: 'p1', role: 'parent' }, { role: 'professional', label: 'health visitor' }],
  harm: [{ text: 'Police were called twice' }],
  complicatingFactors: [],
  existingStrengths: [{ text: 'School every day' }, { text: 'Pauline nearby' }],
  existingSafety: [],
  dangerStatements: [
    { id: 'd1', worriedWho: 'school', behaviour: 'fighting', impact: 'hurt', text: 'We are worried…' },
    { id: 'x-7', worriedWho: null, behaviour: null, impact: null, text: 'Imported with another system’s id' },
  ],
  safetyGoals: [{ id: 'g1', text: 'Nobody gets hurt', addresses: ['d1', 'x-7'] }],
  nextSteps: [{ text: 'Ask Pauline', owner: null, dueOn: '2020-01-13' }],
  scaleRatings: [
    { raterRole: 'professional', score: 0, reason: 'no plan yet' },
    { raterRole: 'parent', personId: 'p1', score: 10, reason: null },
    { raterRole: 'relative', score: 5, reason: null },
  ],
};
const plan: SafetyPlanData = {
  status: 'active',
  agreedOn: '2020-01-20',
  lastReviewedOn: null,
  rules: [{ text: 'Kerry takes Ellie to Pauline', ensuredBy: ['p1', 'n1'] }],
  network: [{ personId: 'f1', commitment: null }],
  goalIds: ['g1', 'gone'],
  familyWords: true,
};
const meeting: NetworkMeetingData = {
  heldOn: '2020-01-27',
  status: 'held',
  attendees: [{ personId: 'p1', role: 'parent' }, { role: 'professional', label: 'health visitor' }],
  purpose: 'Agree the plan',
  outcome: null,
};
const voice: ChildVoiceData = {
  tool: 'words_and_pictures',
  childId: 'c1',
  completedOn: '2020-01-10',
  summary: null,
  attachment: { name: 'drawing.png', mediaType: 'image/png', sha256: 'a'.repeat(64) },
};

describe('record forms', () => {
  it.each([
    ['mapping', mapping],
    ['safety_plan', plan],
    ['network_meeting', meeting],
    ['child_voice', voice],
  ] as Array<[keyof typeof RECORD_FORMS, RecordData]>)('a %s saved unchanged through its form is the record it was (people named only by role, ids from elsewhere and unknown goals kept)', async (type, data) => {
    const spec = RECORD_FORMS[type];
    const checked = await recordForm(spec, ctx, true).check({ ...spec.values(data, ctx), version: '3' });
    expect(checked.problems).toBeUndefined();
    expect(JSON.parse(JSON.stringify((checked as { input: { data: RecordData } }).input))).toEqual({ data: JSON.parse(JSON.stringify(data)), reason: null, version: 3 });
  });

  it('a new mapping starts with a row in each list, and its blank rows are not saved', async () => {
    const spec = RECORD_FORMS.mapping;
    const values = spec.values(null, ctx);
    const shown = { ...values, data: { ...(values.data as object), heldOn: { day: '6', month: '1', year: '2020' }, kind: 'initial' } };
    let saved: unknown;
    const shownAgain = await recordForm(spec, ctx, false).submit<unknown>(shown, { show: (form) => form, save: async (input) => (saved = input) });
    expect(shownAgain).toBe(saved);
    expect(saved).toMatchObject({ data: { harm: [], dangerStatements: [], safetyGoals: [], nextSteps: [], scaleRatings: [], participants: [] } });
  });

  it('a goal that addresses a statement the mapping does not have is reported on its checkboxes', async () => {
    const spec = RECORD_FORMS.mapping;
    const values = spec.values({ ...mapping, safetyGoals: [{ id: 'g1', text: 'x', addresses: ['d1', 'd9'] }] }, ctx);
    const form = recordForm(spec, ctx, true).view(values, [{ pointer: '/data/safetyGoals/0/addresses/1', rule: 'dangerStatementOfMapping', message: 'd9 is not a danger statement of this mapping' }]);
    expect(form.errors).toEqual([{ pointer: '/data/safetyGoals/0/addresses', href: '#data-safetyGoals-0-addresses', text: 'Safety goal 1: D9 is not a danger statement of this mapping' }]);
  });
});
