import { FormValues, choice, date, dateParts, int, list, many, text } from '@mapwork/web';
import { MAPPING_KINDS, MappingData, PERSON_ROLES, PersonRole } from '../../domain';
import { PERSON_ROLE_LABELS } from '../labels';
import {
  CaseContext,
  RecordFormSpec,
  nextKey,
  otherParticipantsShown,
  participantErrorsAt,
  participantInput,
  participantValues,
  personItems,
  record,
  str,
  textRow,
  textRows,
} from './record-form-kit';

const KIND_LABELS: Record<(typeof MAPPING_KINDS)[number], string> = {
  initial: 'Initial mapping',
  review: 'Review',
  conference: 'Child protection conference',
  supervision: 'Supervision',
};

/** The text lists of a map, in the order of its three columns. */
const TEXT_LISTS = ['harm', 'complicatingFactors', 'existingStrengths', 'existingSafety'] as const;

const emptyDate = () => ({ day: '', month: '', year: '' });
const emptyStatement = (rows: FormValues[]) => ({ id: nextKey('d', rows), worriedWho: '', behaviour: '', impact: '', text: '' });
const emptyGoal = (rows: FormValues[]) => ({ id: nextKey('g', rows), text: '', addresses: [] });
const emptyStep = () => ({ text: '', owner: '', dueOn: emptyDate() });
const emptyRating = () => ({ rater: '', score: '', reason: '' });

/**
 * Who gave a rating on the safety scale: `person:<id>` for a person of the case (their
 * role goes with them), `role:<role>` for someone named only by role (the social worker).
 */
function raterInput(ctx: CaseContext, v: unknown): { raterRole: unknown; personId?: unknown } {
  const m = /^(person|role):(.+)$/s.exec(str(v));
  if (!m) return { raterRole: undefined };
  if (m[1] === 'role') return { raterRole: m[2] };
  return { raterRole: ctx.people.find((p) => p.id === m[2])?.role, personId: m[2] };
}

function raterItems(ctx: CaseContext, values: FormValues) {
  const ratings = (record(values.data).scaleRatings ?? []) as FormValues[];
  const rolesInUse = ratings.map((r) => /^role:(.+)$/s.exec(str(r.rater))?.[1]).filter((r): r is PersonRole => (PERSON_ROLES as readonly string[]).includes(r ?? ''));
  const unnamed = [...new Set(rolesInUse)].filter((r) => r !== 'professional');
  return [
    { value: 'role:professional', text: 'The social worker' },
    ...personItems(ctx.people).map((i) => ({ value: `person:${i.value}`, text: i.text })),
    ...unnamed.map((r) => ({ value: `role:${r}`, text: `A ${PERSON_ROLE_LABELS[r].toLowerCase()}, not named` })),
  ];
}

/** A mapping: the Signs of Safety map of a meeting, with its safety scale. */
export const mappingFormSpec: RecordFormSpec = {
  type: 'mapping',
  view: 'records/mapping-form',

  fields: (ctx) => ({
    input: (d) => ({
      heldOn: date(d.heldOn),
      kind: choice(d.kind),
      participants: participantInput(ctx, d.participants, d.otherParticipants),
      ...Object.fromEntries(TEXT_LISTS.map((k) => [k, list(d[k], textRow)])),
      dangerStatements: list(d.dangerStatements, (r) => ({
        id: r.id,
        worriedWho: text(r.worriedWho),
        behaviour: text(r.behaviour),
        impact: text(r.impact),
        text: text(r.text),
      })),
      safetyGoals: list(d.safetyGoals, (r) => ({ id: r.id, text: text(r.text), addresses: many(r.addresses) })),
      nextSteps: list(d.nextSteps, (r) => ({ text: text(r.text), owner: text(r.owner), dueOn: date(r.dueOn) })),
      scaleRatings: list(d.scaleRatings, (r) => ({ ...raterInput(ctx, r.rater), score: int(r.score), reason: text(r.reason) })),
    }),
    labels: {
      '/data/heldOn': 'Date of the mapping',
      '/data/kind': 'Kind of mapping',
      '/data/participants': 'Who took part',
      '/data/harm': 'Harm',
      '/data/harm/*/text': 'What has happened',
      '/data/dangerStatements': 'Danger statement',
      '/data/dangerStatements/*/worriedWho': 'Who is worried',
      '/data/dangerStatements/*/behaviour': 'About what behaviour',
      '/data/dangerStatements/*/impact': 'What could happen to the child',
      '/data/dangerStatements/*/text': 'The danger statement',
      '/data/complicatingFactors': 'Complicating factor',
      '/data/complicatingFactors/*/text': 'What makes it harder',
      '/data/existingStrengths': 'Strength',
      '/data/existingStrengths/*/text': 'What is working well',
      '/data/existingSafety': 'Existing safety',
      '/data/existingSafety/*/text': 'When the danger was there, what kept the child safe',
      '/data/safetyGoals': 'Safety goal',
      '/data/safetyGoals/*/text': 'The safety goal',
      '/data/safetyGoals/*/addresses': 'Danger statements this goal addresses',
      '/data/nextSteps': 'Next step',
      '/data/nextSteps/*/text': 'What will be done',
      '/data/nextSteps/*/owner': 'Who will do it',
      '/data/nextSteps/*/dueOn': 'By when',
      '/data/scaleRatings': 'Rating',
      '/data/scaleRatings/*/rater': 'Who gave this rating',
      '/data/scaleRatings/*/score': 'Score',
      '/data/scaleRatings/*/reason': 'Why this score',
    },
    messages: {
      '/data/heldOn': { isCalendarDate: 'Date of the mapping must be a real date, like 27 3 2020' },
      '/data/kind': { isIn: 'Select the kind of mapping' },
      '/data/dangerStatements/*/text': { isString: 'Write the danger statement' },
      '/data/safetyGoals/*/text': { isString: 'Write the safety goal' },
      '/data/nextSteps/*/text': { isString: 'Write what will be done' },
      '/data/nextSteps/*/dueOn': { isCalendarDate: 'By when must be a real date, like 27 3 2020' },
      '/data/scaleRatings/*/raterRole': { isIn: 'Select who gave the rating' },
      '/data/scaleRatings/*/score': { isInt: 'Select a score from 0 to 10', min: 'Select a score from 0 to 10', max: 'Select a score from 0 to 10' },
    },
    lists: {
      ...Object.fromEntries(TEXT_LISTS.map((k) => [`/data/${k}`, () => ({ text: '' })])),
      '/data/dangerStatements': emptyStatement,
      '/data/safetyGoals': emptyGoal,
      '/data/nextSteps': emptyStep,
      '/data/scaleRatings': emptyRating,
    },
    rowKeys: { '/data/dangerStatements': 'id', '/data/safetyGoals': 'id' },
    errorsAt: {
      ...participantErrorsAt('/data/participants', '/data/participants'),
      '/data/dangerStatements/*/id': '/data/dangerStatements/*/text',
      '/data/safetyGoals/*/id': '/data/safetyGoals/*/text',
      '/data/safetyGoals/*/addresses/*': '/data/safetyGoals/*/addresses',
      '/data/scaleRatings/*/raterRole': '/data/scaleRatings/*/rater',
      '/data/scaleRatings/*/personId': '/data/scaleRatings/*/rater',
    },
  }),

  values: (stored) => {
    const m = stored as MappingData | null;
    if (!m) {
      return {
        data: {
          heldOn: emptyDate(),
          kind: '',
          participants: [],
          ...Object.fromEntries(TEXT_LISTS.map((k) => [k, [{ text: '' }]])),
          dangerStatements: [emptyStatement([])],
          safetyGoals: [emptyGoal([])],
          nextSteps: [emptyStep()],
          scaleRatings: [emptyRating()],
        },
      };
    }
    const who = participantValues(m.participants);
    return {
      data: {
        heldOn: dateParts(m.heldOn),
        kind: m.kind,
        participants: who.people,
        otherParticipants: who.others,
        ...Object.fromEntries(TEXT_LISTS.map((k) => [k, textRows(m[k])])),
        dangerStatements: m.dangerStatements.map((s) => ({ id: s.id, worriedWho: s.worriedWho ?? '', behaviour: s.behaviour ?? '', impact: s.impact ?? '', text: s.text })),
        safetyGoals: m.safetyGoals.map((g) => ({ id: g.id, text: g.text, addresses: [...g.addresses] })),
        nextSteps: m.nextSteps.map((s) => ({ text: s.text, owner: s.owner ?? '', dueOn: dateParts(s.dueOn) })),
        scaleRatings: m.scaleRatings.map((r) => ({ rater: r.personId ? `person:${r.personId}` : `role:${r.raterRole}`, score: String(r.score), reason: r.reason ?? '' })),
      },
    };
  },

  choices: (ctx, values) => {
    const statements = ((record(values.data).dangerStatements ?? []) as FormValues[]).filter((s) => str(s.id));
    return {
      kindItems: MAPPING_KINDS.map((value) => ({ value, text: KIND_LABELS[value] })),
      peopleItems: personItems(ctx.people),
      otherParticipants: otherParticipantsShown(values, 'otherParticipants'),
      statementItems: statements.map((s, i) => ({ value: str(s.id), text: str(s.text).trim() || `Danger statement ${i + 1} (not written yet)` })),
      raterItems: raterItems(ctx, values),
      scoreItems: Array.from({ length: 11 }, (_, i) => ({ value: String(i), text: String(i) })),
    };
  },
};
