/**
 * Turning what a browser posts (every value a string, lists as arrays or, past the
 * parser's array limit, as objects with numeric keys) into the input a DTO validates.
 * A value of the wrong shape is passed on unchanged, so the DTO's own rules reject it
 * with the field's pointer; nothing here decides what is valid.
 */

export type FormValues = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Lists as arrays, in index order, however the parser delivered them. */
export function normaliseFormValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseFormValues);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length && keys.every((k) => /^(0|[1-9][0-9]{0,5})$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => normaliseFormValues(value[k]));
  }
  return Object.fromEntries(keys.map((k) => [k, normaliseFormValues(value[k])]));
}

/** The fields and buttons of a form that are not its data. */
const CONTROL_FIELDS = ['_action', '_csrf'];

/** A posted body as form values: lists as arrays, without the form's own controls. */
export function formValues(body: unknown): FormValues {
  const values = normaliseFormValues(body ?? {});
  if (!isRecord(values)) return {};
  return Object.fromEntries(Object.entries(values).filter(([k]) => !CONTROL_FIELDS.includes(k)));
}

/** A text field: trimmed, and empty as null (an optional field left blank). */
export function text(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? null : t;
}

/** A choice (radios, select): blank as undefined, so a required choice reports itself missing. */
export function choice(v: unknown): unknown {
  return v === '' || v === undefined ? undefined : v;
}

/** A whole number: blank as undefined, digits as a number, anything else unchanged (the DTO rejects it). */
export function int(v: unknown): unknown {
  if (v === '' || v === undefined) return undefined;
  return typeof v === 'string' && /^-?[0-9]{1,15}$/.test(v.trim()) ? Number(v.trim()) : v;
}

/** A checkbox: ticked or not. */
export function bool(v: unknown): boolean {
  return v === 'true' || v === 'on' || v === 'yes' || v === true;
}

/** Several checkboxes of one name: always a list. */
export function many(v: unknown): unknown {
  if (v === undefined || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * A date input (day, month, year) as `YYYY-MM-DD`; all blank is null. Anything that is not
 * digits of the right length becomes a date that is no calendar date, so the DTO's
 * `isCalendarDate` rule reports it on the date field.
 */
export function date(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (!isRecord(v)) return v;
  const part = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return null;
  if (!/^[0-9]{1,2}$/.test(day) || !/^[0-9]{1,2}$/.test(month) || !/^[0-9]{4}$/.test(year)) return `${year}-${month}-${day} is not a date`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The parts a date input shows for a stored `YYYY-MM-DD` (blank for none). */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso ?? '');
  return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])) } : { day: '', month: '', year: '' };
}

/** A list of rows (an "add another" list), each turned into input by `row`. */
export function list<T>(v: unknown, row: (value: FormValues, index: number) => T): unknown {
  if (v === undefined || v === '') return [];
  if (!Array.isArray(v)) return v;
  return v.map((x, i) => row(isRecord(x) ? x : {}, i));
}

/** True when every value in a row is blank: such rows are dropped when a form is saved. */
export function isBlankRow(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every(isBlankRow);
  if (isRecord(v)) return Object.values(v).every(isBlankRow);
  return v === undefined || v === null;
}
