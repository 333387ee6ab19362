import fc from 'fast-check';
import { compareInstants, instantToMillis, isCalendarDate, isInstant, normaliseInstant } from './time';

describe('instants and calendar dates', () => {
  it.each([
    ['2019-01-20T10:02:11Z', true],
    ['2019-01-20T10:02:11.250Z', true],
    ['2019-01-20T10:02:11.2Z', true],
    ['2020-02-29T00:00:00Z', true],
    ['2019-02-29T00:00:00Z', false],
    ['2019-01-20T10:02:11.2500Z', false],
    ['2019-01-20T24:00:00Z', false],
    ['2019-01-20T23:59:60Z', false],
    ['2019-01-20t10:02:11z', false],
    ['2019-01-20T10:02:11+00:00', false],
    ['2019-01-20T10:02:11Z\n', false],
    ['', false],
  ])('isInstant(%j) is %s', (value, ok) => expect(isInstant(value)).toBe(ok));

  it.each([
    ['2019-02-28', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2019-02-30', false],
    ['2019-13-01', false],
    ['2019-00-10', false],
    ['2019-1-10', false],
  ])('isCalendarDate(%j) is %s', (value, ok) => expect(isCalendarDate(value)).toBe(ok));

  it('normalises to milliseconds, so text order is time order', () => {
    expect(normaliseInstant('2019-01-20T10:02:11Z')).toBe('2019-01-20T10:02:11.000Z');
    expect(normaliseInstant('2019-01-20T10:02:11.2Z')).toBe('2019-01-20T10:02:11.200Z');
    expect(() => normaliseInstant('2019-02-30T00:00:00Z')).toThrow(RangeError);
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (a, b) => {
        const [x, y] = [a.toISOString(), b.toISOString()];
        expect(Math.sign(compareInstants(x.replace('.000Z', 'Z'), y))).toBe(Math.sign(a.getTime() - b.getTime()));
        expect(Math.sign(normaliseInstant(x).localeCompare(normaliseInstant(y)))).toBe(Math.sign(a.getTime() - b.getTime()));
      }),
    );
  });

  it('reads an instant as the milliseconds Date.parse gives its normal form, years 0000–9999', () => {
    expect(instantToMillis('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00.000Z'));
    expect(instantToMillis('0000-02-29T23:59:59.9Z')).toBe(Date.parse('0000-02-29T23:59:59.900Z'));
    expect(instantToMillis('2019-01-20T10:02:11.25Z')).toBe(Date.parse('2019-01-20T10:02:11.250Z'));
    expect(() => instantToMillis('2019-02-29T00:00:00Z')).toThrow(RangeError);
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 3 }), (d, digits) => {
        const iso = d.toISOString();
        const text = `${iso.slice(0, 19)}${digits ? iso.slice(19, 20 + digits) : ''}Z`;
        expect(instantToMillis(text)).toBe(Date.parse(normaliseInstant(text)));
      }),
    );
  });

  it('reads instants by hand exactly as the regular expression of the format and the calendar do', () => {
    const reference = (v: string) => {
      const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,3})?Z$/.exec(v);
      if (!m || !isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
      return Date.parse(`${v.slice(0, 19)}.${(m[7] ?? '.').slice(1).padEnd(3, '0')}Z`);
    };
    const valid = fc
      .tuple(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 3 }))
      .map(([d, n]) => `${d.toISOString().slice(0, 19)}${n ? d.toISOString().slice(19, 20 + n) : ''}Z`);
    const mutated = fc.tuple(valid, fc.nat(), fc.constantFrom('', '0', '9', '3', '6', '-', ':', 'T', 't', 'Z', 'z', '.', ' ', '+', '٣', '\n')).map(([v, i, c]) => v.slice(0, i % (v.length + 1)) + c + v.slice((i % (v.length + 1)) + 1));
    fc.assert(
      fc.property(fc.oneof(valid, mutated, fc.string({ maxLength: 26 })), (v) => {
        const expected = reference(v);
        expect(isInstant(v)).toBe(expected !== null);
        if (expected === null) expect(() => instantToMillis(v)).toThrow(RangeError);
        else expect(instantToMillis(v)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
