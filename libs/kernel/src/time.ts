/**
 * Instants and calendar dates as the case-file format defines them.
 * Instants are stored normalised to millisecond precision (`…:SS.sssZ`, always 24
 * characters), so text order equals time order in every database.
 */
const INSTANT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,3})?Z$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return !!m && isRealDate(+m[1], +m[2], +m[3]);
}

export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  return !!m && isRealDate(+m[1], +m[2], +m[3]);
}

/** `2019-01-20T10:02:11Z` → `2019-01-20T10:02:11.000Z`. Throws on anything that is not an instant. */
export function normaliseInstant(value: string): string {
  if (!isInstant(value)) throw new RangeError(`not a UTC instant: ${JSON.stringify(value)}`);
  const dot = value.indexOf('.');
  if (dot < 0) return `${value.slice(0, 19)}.000Z`;
  const frac = value.slice(dot + 1, -1).padEnd(3, '0');
  return `${value.slice(0, 19)}.${frac}Z`;
}

/** Milliseconds since the epoch. Throws on anything that is not an instant. */
export function instantToMillis(value: string): number {
  const m = INSTANT.exec(value);
  if (!m || !isRealDate(+m[1], +m[2], +m[3])) throw new RangeError(`not a UTC instant: ${JSON.stringify(value)}`);
  const year = +m[1];
  const ms = m[7] === undefined ? 0 : +m[7].slice(1).padEnd(3, '0');
  // one regular expression and arithmetic: scoring and checking call this for every revision
  if (year >= 100) return Date.UTC(year, +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
  // Date.UTC reads years 0–99 as 1900–1999
  return new Date(Date.UTC(2000, 0, 1, +m[4], +m[5], +m[6], ms)).setUTCFullYear(year, +m[2] - 1, +m[3]);
}

export function millisToInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** Negative, zero or positive as a is before, at or after b, comparing points in time. */
export function compareInstants(a: string, b: string): number {
  return instantToMillis(a) - instantToMillis(b);
}

/** The UTC calendar date of an instant. */
export function dateOfInstant(value: string): string {
  return value.slice(0, 10);
}
