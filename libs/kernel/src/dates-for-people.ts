import { isCalendarDate, isInstant, normaliseInstant } from './time';

/**
 * Dates as people write them, for every page families and managers read. Families and
 * managers read UK local time (GMT in winter, BST in summer); instants are stored in UTC,
 * so an instant is shown in this zone. A calendar date has no zone and is shown as it is.
 */
export const PEOPLES_TIME_ZONE = 'Europe/London';

const DAY_MONTH_YEAR = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const calendarDate = new Intl.DateTimeFormat('en-GB', { ...DAY_MONTH_YEAR, timeZone: 'UTC' });
const localTime = new Intl.DateTimeFormat('en-GB', { ...DAY_MONTH_YEAR, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: PEOPLES_TIME_ZONE });
const localDate = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: PEOPLES_TIME_ZONE });

const partsOf = (format: Intl.DateTimeFormat, instant: string) => Object.fromEntries(format.formatToParts(new Date(normaliseInstant(instant))).map((p) => [p.type, p.value]));

/**
 * `2018-05-21` → `21 May 2018`; `2018-05-21T13:05:00Z` → `21 May 2018, 14:05` (UK local
 * time); null, undefined or '' → ''. Anything else is a programming error and throws.
 */
export function formatDateForPeople(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (isCalendarDate(value)) return calendarDate.format(new Date(`${value}T00:00:00Z`));
  if (isInstant(value)) {
    const part = partsOf(localTime, value);
    return `${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute}`;
  }
  throw new RangeError(`not a calendar date or a UTC instant: ${JSON.stringify(value)}`);
}

/** The calendar date in the UK on which an instant falls (`2018-05-21T23:30:00Z` → `2018-05-22`, in BST). */
export function peoplesDateOf(instant: string): string {
  const part = partsOf(localDate, instant);
  return `${part.year}-${part.month}-${part.day}`;
}
