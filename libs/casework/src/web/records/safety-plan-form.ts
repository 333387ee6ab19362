import { formatDateForPeople } from '@mapwork/kernel';
import { FormValues, bool, choice, date, dateParts, list, many, text } from '@mapwork/web';
import { MappingData, SAFETY_PLAN_STATUSES, SafetyPlanData } from '../../domain';
import { CaseContext, RecordFormSpec, personItems, record } from './record-form-kit';

const STATUS_LABELS: Record<(typeof SAFETY_PLAN_STATUSES)[number], { text: string; hint: string }> = {
  draft: { text: 'Draft', hint: 'Still being worked out with the family' },
  agreed: { text: 'Agreed', hint: 'The family and network have agreed it' },
  active: { text: 'Active', hint: 'The family is living by it' },
  ended: { text: 'Ended', hint: 'No longer needed' },
};

const emptyRule = () => ({ text: '', ensuredBy: [] });
const emptyMember = () => ({ personId: '', commitment: '' });

/**
 * The safety goals a plan can serve: those of the case's mappings (the latest mapping's
 * where two share an id), and any the plan names that no mapping has any more.
 */
function goalItems(ctx: CaseContext, values: FormValues) {
  const goals = new Map<string, string>();
  const mappings = ctx.records
    .filter((r) => r.type === 'mapping' && r.data)
    .map((r) => r.data as MappingData)
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  for (const m of mappings) for (const g of m.safetyGoals) goals.set(g.id, `${g.text} (mapping of ${formatDateForPeople(m.heldOn)})`);
  for (const id of many(record(values.data).goalIds) as unknown[]) if (typeof id === 'string' && !goals.has(id)) goals.set(id, `${id} (no longer in a mapping)`);
  return [...goals].map(([value, text]) => ({ value, text }));
}

/** A safety plan: its rules and who makes sure each is kept, its network, its dates and status. */
export const safetyPlanFormSpec: RecordFormSpec = {
  type: 'safety_plan',
  view: 'records/safety-plan-form',

  fields: () => ({
    input: (d) => ({
      status: choice(d.status),
      agreedOn: date(d.agreedOn),
      lastReviewedOn: date(d.lastReviewedOn),
      rules: list(d.rules, (r) => ({ text: text(r.text), ensuredBy: many(r.ensuredBy) })),
      network: list(d.network, (r) => ({ personId: choice(r.personId), commitment: text(r.commitment) })),
      goalIds: many(d.goalIds),
      familyWords: bool(d.familyWords),
    }),
    labels: {
      '/data/status': 'Status',
      '/data/agreedOn': 'Date the plan was agreed',
      '/data/lastReviewedOn': 'Date the plan was last reviewed',
      '/data/rules': 'Rule',
      '/data/rules/*/text': 'The rule',
      '/data/rules/*/ensuredBy': 'Who makes sure it is kept',
      '/data/network': 'Network member',
      '/data/network/*/personId': 'Who',
      '/data/network/*/commitment': 'What they will do',
      '/data/goalIds': 'Safety goals this plan serves',
      '/data/familyWords': 'Written with the family',
    },
    messages: {
      '/data/status': { isIn: 'Select the status of the plan' },
      '/data/agreedOn': { isCalendarDate: 'Date the plan was agreed must be a real date, like 27 3 2020' },
      '/data/lastReviewedOn': { isCalendarDate: 'Date the plan was last reviewed must be a real date, like 27 3 2020' },
      '/data/rules/*/text': { isString: 'Write the rule' },
      '/data/network/*/personId': { isString: 'Select the network member', isLength: 'Select the network member' },
    },
    lists: { '/data/rules': emptyRule, '/data/network': emptyMember },
    errorsAt: { '/data/rules/*/ensuredBy/*': '/data/rules/*/ensuredBy', '/data/goalIds/*': '/data/goalIds' },
  }),

  values: (stored) => {
    const p = stored as SafetyPlanData | null;
    if (!p) return { data: { status: 'draft', agreedOn: dateParts(null), lastReviewedOn: dateParts(null), rules: [emptyRule()], network: [emptyMember()], goalIds: [], familyWords: '' } };
    return {
      data: {
        status: p.status,
        agreedOn: dateParts(p.agreedOn),
        lastReviewedOn: dateParts(p.lastReviewedOn),
        rules: p.rules.map((r) => ({ text: r.text, ensuredBy: [...r.ensuredBy] })),
        network: p.network.map((m) => ({ personId: m.personId, commitment: m.commitment ?? '' })),
        goalIds: [...(p.goalIds ?? [])],
        familyWords: p.familyWords ? 'yes' : '',
      },
    };
  },

  choices: (ctx, values) => ({
    statusItems: SAFETY_PLAN_STATUSES.map((value) => ({ value, ...STATUS_LABELS[value] })),
    peopleItems: personItems(ctx.people),
    goalItems: goalItems(ctx, values),
    familyWordsItems: [{ value: 'yes', text: 'The plan is written with the family, in their own words' }],
  }),
};
