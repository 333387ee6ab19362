import { RecordType } from '@mapwork/revisions';
import { Form, FormDefinition, FormValues, choice, defineForm, int, text } from '@mapwork/web';
import { PERSON_ROLES, Participant, PersonRole, RecordData } from '../../domain';
import { recordDtos } from '../../http/record.controller';
import { RECORD_KINDS } from '../../record-kinds';
import { PersonView, RecordView } from '../../services/views';
import { PERSON_ROLE_LABELS } from '../labels';

/**
 * What the four record forms share: a record's form is its data under `data` (the API's
 * request body, so the services' errors, named under `/data`, land on their fields), an
 * optional reason, and, when it changes a record, the version it was based on.
 */

/** The case a record form is about: its people (not deleted) and its records. */
export interface CaseContext {
  caseId: string;
  people: PersonView[];
  records: RecordView[];
}

/** What a record form's DTO gives the controller. */
export interface RecordInput {
  data: RecordData;
  reason?: string | null;
  version?: number;
}

/** One record type's form: its fields, how stored data fills them, and the choices its view offers. */
export interface RecordFormSpec {
  type: RecordType;
  /** templates/pages/<view>.hbs */
  view: string;
  /** the form's data fields: input (of `data`), labels and messages under /data, lists */
  fields(ctx: CaseContext): Omit<FormDefinition<object>, 'dto'>;
  /** the form's values for a stored record's data, or for a new record (null) */
  values(data: RecordData | null, ctx: CaseContext): FormValues;
  /** choices the view offers (people, danger statements…), given the values shown */
  choices(ctx: CaseContext, values: FormValues): object;
  /** the form posts a file (multipart) */
  upload?: boolean;
}

const dtos = new Map(Object.values(RECORD_KINDS).map((k) => [k.type, recordDtos(k)]));

const REASON_LABEL = 'Why you are making this change';

/**
 * The form of a new record (the API's create body) or of a change to one (its update
 * body, with the version): the same DTOs, so the same rules.
 */
export function recordForm(spec: RecordFormSpec, ctx: CaseContext, change: boolean): Form<RecordInput> {
  const f = spec.fields(ctx);
  const dto = dtos.get(spec.type)!;
  return defineForm({
    ...f,
    dto: (change ? dto.Update : dto.Create) as unknown as FormDefinition<RecordInput>['dto'],
    input: (v) => ({ data: f.input(record(v.data)), reason: text(v.reason), ...(change ? { version: int(v.version) } : {}) }),
    labels: { ...f.labels, '/reason': REASON_LABEL },
  });
}

export const record = (v: unknown): FormValues => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as FormValues) : {});
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A text list (harm, strengths…): rows of `{ text }`. */
export const textRows = (rows: Array<{ text: string }> | undefined): FormValues[] => (rows ?? []).map((r) => ({ text: r.text }));
export const textRow = (r: FormValues) => ({ text: text(r.text) });

/**
 * The next key of a list whose rows others refer to: `d1`, `d2`… after the highest
 * number already used with that prefix (ids from elsewhere are kept as they are).
 */
export function nextKey(prefix: string, rows: FormValues[]): string {
  const used = rows.map((r) => new RegExp(`^${prefix}([0-9]{1,9})$`).exec(str(r.id))).map((m) => (m ? Number(m[1]) : 0));
  return `${prefix}${Math.max(0, ...used) + 1}`;
}

export function personName(p: PersonView): string {
  return p.name ?? `Name not recorded (${p.id})`;
}

/** People as choices, "Kerry Carter (parent)": children first, then parents and carers, the network, professionals. */
export function personItems(people: PersonView[], roles?: readonly PersonRole[]) {
  const order = (p: PersonView) => PERSON_ROLES.indexOf(p.role);
  return people
    .filter((p) => !roles || roles.includes(p.role))
    .sort((a, b) => order(a) - order(b) || personName(a).localeCompare(personName(b)))
    .map((p) => ({ value: p.id, text: `${personName(p)} (${PERSON_ROLE_LABELS[p.role].toLowerCase()})` }));
}

/**
 * Who took part (a mapping) or attended (a meeting): the case's people as checkboxes of
 * their ids; participants named only by role ("health visitor") are kept as they were,
 * in hidden fields, so a change through this form never drops them.
 */
export function participantValues(list: Participant[] | undefined) {
  return {
    people: (list ?? []).filter((p) => p.personId !== undefined && p.personId !== null).map((p) => p.personId!),
    others: (list ?? []).filter((p) => p.personId === undefined || p.personId === null).map((p) => ({ role: p.role, label: p.label ?? '' })),
  };
}

export function participantInput(ctx: CaseContext, ids: unknown, others: unknown): unknown {
  const chosen = ids === undefined || ids === '' ? [] : Array.isArray(ids) ? ids : [ids];
  const rest = Array.isArray(others) ? others.map(record) : [];
  return [
    ...chosen.map((id) => ({ personId: id, role: ctx.people.find((p) => p.id === id)?.role })),
    ...rest.map((o) => ({ role: choice(o.role), label: text(o.label) })),
  ];
}

/** Errors of participants, whichever of them, are shown on the checkboxes. */
export function participantErrorsAt(at: string, field: string): Record<string, string> {
  return Object.fromEntries(['', '/personId', '/role', '/label'].map((s) => [`${at}/*${s}`, field]));
}

/** People named only by role in a stored record, shown beside the hidden fields that keep them. */
export function otherParticipantsShown(values: FormValues, at: string) {
  return ((record(values.data)[at] ?? []) as FormValues[]).map((o) => ({
    role: str(o.role),
    label: str(o.label),
    text: `${str(o.label) || 'Not named'} (${PERSON_ROLE_LABELS[str(o.role) as PersonRole]?.toLowerCase() ?? str(o.role)})`,
  }));
}
