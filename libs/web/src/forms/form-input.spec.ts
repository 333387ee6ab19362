import { bool, choice, date, dateParts, int, isBlankRow, list, many, normaliseFormValues, text } from './form-input';

describe('posted values as DTO input', () => {
  it('turns lists the body parser delivered as objects back into lists, in index order', () => {
    // qs makes an object of a list whose index is past its array limit
    expect(normaliseFormValues({ people: { '0': { name: 'a' }, '150': { name: 'c' }, '21': { name: 'b' } } })).toEqual({
      people: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
    });
    expect(normaliseFormValues({ a: { '0': 'x', b: 'y' } })).toEqual({ a: { '0': 'x', b: 'y' } });
  });

  it('reads text, choices, numbers and checkboxes, passing wrong shapes on for the DTO to reject', () => {
    expect(text('  Ellie  ')).toBe('Ellie');
    expect(text('   ')).toBeNull();
    expect(text(['a', 'b'])).toEqual(['a', 'b']);
    expect(choice('')).toBeUndefined();
    expect(choice('child')).toBe('child');
    expect(int('3')).toBe(3);
    expect(int('')).toBeUndefined();
    expect(int('3a')).toBe('3a');
    expect(bool('yes')).toBe(true);
    expect(bool(undefined)).toBe(false);
    expect(many('a')).toEqual(['a']);
    expect(many(undefined)).toEqual([]);
  });

  it('reads a date input as YYYY-MM-DD; blank is null; anything else is a date no calendar has', () => {
    expect(date({ day: '7', month: '3', year: '2015' })).toBe('2015-03-07');
    expect(date({ day: '', month: '', year: '' })).toBeNull();
    expect(date({ day: '31', month: '2', year: '2015' })).toBe('2015-02-31');
    expect(date({ day: 'x', month: '2', year: '2015' })).toMatch(/is not a date/);
    expect(date({ day: '1', month: '2', year: '15' })).toMatch(/is not a date/);
    expect(dateParts('2015-03-07')).toEqual({ day: '7', month: '3', year: '2015' });
    expect(dateParts(null)).toEqual({ day: '', month: '', year: '' });
  });

  it('reads "add another" rows, and knows a blank row', () => {
    expect(list([{ name: 'a' }, 'junk'], (r, i) => ({ ...r, i }))).toEqual([{ name: 'a', i: 0 }, { i: 1 }]);
    expect(list('junk', (r) => r)).toBe('junk');
    expect(isBlankRow({ role: '', name: ' ', birthDate: { day: '', month: '', year: '' } })).toBe(true);
    expect(isBlankRow({ role: 'child', name: '' })).toBe(false);
  });
});
