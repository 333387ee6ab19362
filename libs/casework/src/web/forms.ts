import { bool, choice, date, defineForm, int, list, text } from '@mapwork/web';
import { CreateCaseDto, CreatePersonDto, UpdatePersonDto } from '../dto/case.dto';

/** The forms of the case pages: each validated by the DTO the API validates the same input with. */

const PERSON_LABELS = {
  '/role': 'Role',
  '/name': 'Full name',
  '/birthDate': 'Date of birth',
  '/relationship': 'Relationship',
  '/reason': 'Why you are making this change',
};
const PERSON_MESSAGES = {
  '/role': { isIn: 'Select the person’s role' },
  '/birthDate': { isCalendarDate: 'Date of birth must be a real date, like 27 3 2007' },
};
const person = (v: Record<string, unknown>) => ({ role: choice(v.role), name: text(v.name), birthDate: date(v.birthDate), relationship: text(v.relationship) });

export const newPersonForm = defineForm({
  dto: CreatePersonDto,
  input: (v) => ({ ...person(v), reason: text(v.reason) }),
  labels: PERSON_LABELS,
  messages: PERSON_MESSAGES,
});

export const personForm = defineForm({
  dto: UpdatePersonDto,
  input: (v) => ({ ...person(v), reason: text(v.reason), version: int(v.version) }),
  labels: PERSON_LABELS,
  messages: PERSON_MESSAGES,
});

export interface TeamChoice {
  id: string;
  site: string;
  name: string;
}

/** Opening a case: one of the worker's teams (its site with it), the case's fields, and its people as "add another" rows. */
export function newCaseForm(teams: TeamChoice[]) {
  return defineForm({
    dto: CreateCaseDto,
    input: (v) => {
      const team = teams.find((t) => t.id === v.team);
      return {
        site: team?.site ?? '',
        team: team?.name ?? '',
        ref: text(v.ref),
        stage: choice(v.stage),
        openedOn: date(v.openedOn),
        researchConsent: bool(v.researchConsent),
        people: list(v.people, person),
        reason: text(v.reason),
      };
    },
    labels: {
      '/team': 'Team',
      '/ref': 'Case reference',
      '/stage': 'Stage',
      '/openedOn': 'Date the case was opened',
      '/people': 'Person',
      ...Object.fromEntries(Object.entries(PERSON_LABELS).map(([k, v]) => [`/people/*${k}`, v])),
    },
    messages: {
      '/team': { isLength: 'Select the team the case belongs to' },
      '/site': { isLength: 'Select the team the case belongs to' },
      '/ref': { isString: 'Enter the case reference', isLength: 'Case reference must be 128 characters or fewer' },
      '/stage': { isIn: 'Select the stage of the case' },
      '/openedOn': { isCalendarDate: 'Date the case was opened must be a real date, like 27 3 2007' },
      ...Object.fromEntries(Object.entries(PERSON_MESSAGES).map(([k, v]) => [`/people/*${k}`, v])),
    },
    errorsAt: { '/site': '/team' },
    lists: { '/people': () => ({ role: '', name: '', birthDate: { day: '', month: '', year: '' }, relationship: '' }) },
  });
}
