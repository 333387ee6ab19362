import fc from 'fast-check';
import { formatDateForPeople, peoplesDateOf } from './dates-for-people';

describe('dates for people', () => {
  it.each([
    ['2018-05-21', '21 May 2018'],
    ['2020-01-06', '6 January 2020'],
    ['2020-02-29', '29 February 2020'],
    ['1999-12-31', '31 December 1999'],
  ])('writes the calendar date %s as %s, whatever the zone', (date, words) => expect(formatDateForPeople(date)).toBe(words));

  it.each([
    // British Summer Time: UTC+1
    ['2018-05-21T13:05:00Z', '21 May 2018, 14:05'],
    ['2018-05-21T23:30:00.250Z', '22 May 2018, 00:30'],
    // Greenwich Mean Time: UTC
    ['2020-01-06T09:00:00Z', '6 January 2020, 09:00'],
    ['2019-12-31T23:59:59Z', '31 December 2019, 23:59'],
    // the last Sunday of March 2020: 01:00 UTC becomes 02:00 BST
    ['2020-03-29T00:59:00Z', '29 March 2020, 00:59'],
    ['2020-03-29T01:00:00Z', '29 March 2020, 02:00'],
  ])('writes the instant %s in UK local time as %s', (instant, words) => expect(formatDateForPeople(instant)).toBe(words));

  it('leaves a missing date blank and refuses anything that is not a date or an instant', () => {
    expect(formatDateForPeople(null)).toBe('');
    expect(formatDateForPeople(undefined)).toBe('');
    expect(formatDateForPeople('')).toBe('');
    for (const bad of ['2019-02-30', '21/05/2018', '2018-05-21T13:05:00+01:00', 'tomorrow']) expect(() => formatDateForPeople(bad)).toThrow(RangeError);
  });

  it('gives the UK calendar date of an instant', () => {
    expect(peoplesDateOf('2018-05-21T23:30:00Z')).toBe('2018-05-22');
    expect(peoplesDateOf('2020-01-06T23:30:00Z')).toBe('2020-01-06');
  });

  it('never prints digits in ISO form, and always names the month, for any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const words = formatDateForPeople(d.toISOString());
        expect(words).toMatch(/^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2}$/);
        expect(words.startsWith(`${Number(peoplesDateOf(d.toISOString()).slice(8))} `)).toBe(true);
      }),
    );
  });
});
