/**
 * Instants and calendar dates as the case-file format defines them.
 * Instants are stored normalised to millisecond precision (`…:SS.sssZ`, always 24
 * characters), so text order equals time order in every database.
 */
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return !!m && isRealDate(+m[1], +m[2], +m[3]);
}

/** The value of the decimal digits of `s` from `from` (inclusive) to `to` (exclusive); -1 if one is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Milliseconds since the epoch of an instant `YYYY-MM-DDTHH:MM:SS[.s{1,3}]Z` on a real
 * calendar date (hours 00–23, no leap second); NaN for anything else. Read by hand, not
 * by a regular expression: checking and scoring read every revision's instant.
 */
function instantMillis(s: string): number {
  const n = s.length;
  if (n < 20 || n > 24 || n === 21 || s.charCodeAt(n - 1) !== 90 /* Z */) return NaN;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const hour = digits(s, 11, 13);
  const minute = digits(s, 14, 16);
  const second = digits(s, 17, 19);
  if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || !isRealDate(year, month, day)) return NaN;
  let ms = 0;
  if (n > 20) {
    if (s[19] !== '.') return NaN;
    ms = digits(s, 20, n - 1);
    if (ms < 0) return NaN;
    ms *= n === 22 ? 100 : n === 23 ? 10 : 1;
  }
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC reads years 0–99 as 1900–1999
  return new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms)).setUTCFullYear(year, month - 1, day);
}

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(instantMillis(value));
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
  const ms = instantMillis(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a UTC instant: ${JSON.stringify(value)}`);
  return ms;
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
