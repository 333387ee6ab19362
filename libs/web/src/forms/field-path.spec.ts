import fc from 'fast-check';
import { fieldId, fieldName, pointerBelow, pointerOf, pointerOfFieldId, pointerOfFieldName, pointerSegments, valueAt } from './field-path';

describe('one mapping between JSON Pointers, posted names and HTML ids', () => {
  it('names and ids of the fields of a form', () => {
    expect(fieldName('/people/0/name')).toBe('people[0][name]');
    expect(fieldId('/people/0/name')).toBe('people-0-name');
    expect(fieldName('/ref')).toBe('ref');
    expect(fieldId('/ref')).toBe('ref');
    expect(pointerOfFieldName('people[12][birthDate][day]')).toBe('/people/12/birthDate/day');
    expect(pointerOfFieldId('people-12-birthDate')).toBe('/people/12/birthDate');
    expect(fieldId('')).toBe('main-content');
    expect(pointerOf('people', 2, 'name')).toBe('/people/2/name');
    expect(pointerBelow('/people', 2, 'name')).toBe('/people/2/name');
  });

  it('keeps unusual keys apart and readable back (RFC 6901 escapes; ids of letters, digits, _ and -)', () => {
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(fieldId('/a-b/c d')).toBe('a_2d_b-c_20_d');
    expect(pointerOfFieldId('a_2d_b-c_20_d')).toBe('/a-b/c d');
  });

  it('reads every pointer back from its id, for any keys (property)', () => {
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.nat({ max: 999 }).map(String));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const pointer = pointerOf(...segments);
        expect(pointerSegments(pointer)).toEqual(segments);
        expect(fieldId(pointer)).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(pointerOfFieldId(fieldId(pointer))).toBe(pointer);
      }),
    );
  });

  it('finds values by pointer, and nothing through prototypes', () => {
    const v = { people: [{ name: 'Ellie' }] };
    expect(valueAt(v, '/people/0/name')).toBe('Ellie');
    expect(valueAt(v, '/people/1/name')).toBeUndefined();
    expect(valueAt(v, '/constructor')).toBeUndefined();
    expect(valueAt(v, '/people/length')).toBe(1);
  });
});
