import fc from 'fast-check';
import { decodeUtf8, formEncodedPairs, hasUnpairedSurrogate, plainTextProblem, pointerSegment, scanJsonText, textProblems } from './json-input';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function depthOf(value: Json): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

function resolve(value: Json, pointer: string): Json | undefined {
  let at: Json | undefined = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    at = at !== null && typeof at === 'object' ? (at as Record<string, Json>)[key] : undefined;
  }
  return at;
}

/** Every string leaf of a value with its pointer. */
function stringLeaves(value: Json, pointer = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[pointer, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, `${pointer}/${pointerSegment(k)}`));
  return [];
}

const json = fc.jsonValue({ maxDepth: 6 }) as fc.Arbitrary<Json>;

describe('scanJsonText', () => {
  it('finds nesting deeper than the bound exactly when there is some, and names a container that deep', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 7 }), fc.boolean(), (value, maxDepth, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const found = scanJsonText(text, { maxDepth });
        expect(found === null).toBe(depthOf(value) <= maxDepth);
        if (found) {
          expect(found.depth).toBe(maxDepth);
          const container = resolve(value, found.pointer);
          expect(container !== null && typeof container === 'object').toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the value that holds any character of any string', () => {
    fc.assert(
      fc.property(json, fc.nat(), (value, pick) => {
        const leaves = stringLeaves(value);
        fc.pre(leaves.length > 0);
        const [pointer] = leaves[pick % leaves.length];
        // put a marker no generated string holds in that one leaf
        const marked = JSON.parse(JSON.stringify(value)) as Json;
        const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
        if (!segments.length) return;
        const parent = resolve(marked, segments.slice(0, -1).map((x) => `/${pointerSegment(x)}`).join('')) as Record<string, Json>;
        parent[segments[segments.length - 1]] = 'before\u{10FFFF}after';
        const text = JSON.stringify(marked);
        expect(scanJsonText(text, { stopAt: text.indexOf('\u{10FFFF}') })?.pointer).toBe(pointer);
      }),
      { numRuns: 500 },
    );
  });

  it('handles escapes, brackets inside strings and keys with / and ~', () => {
    const text = '{"a[{\\"":[1,{"x/y~":"[[[","b":["\\\\", "here"]}]}';
    expect(scanJsonText(text, { stopAt: text.indexOf('here') })).toEqual({ pointer: '/a[{"/1/b/1', depth: 4 });
    expect(scanJsonText(text, { maxDepth: 2 })).toEqual({ pointer: '/a[{"/1', depth: 2 });
    expect(scanJsonText(text, { maxDepth: 3 })).toEqual({ pointer: '/a[{"/1/b', depth: 3 });
    expect(scanJsonText(text, { maxDepth: 4 })).toBeNull();
  });

  it('reads 10,000 levels in constant stack', () => {
    const text = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(scanJsonText(text, { maxDepth: 64 })).toEqual({ pointer: `/${Array(64).fill(0).join('/')}`, depth: 64 });
  });
});

describe('textProblems', () => {
  it('names every string and property name with U+0000 or an unpaired surrogate, and nothing else', () => {
    const value = { ok: ['fine 😀', { 'a/b': 'x\u0000y' }], 'k\ud800': 1, lone: '\udc00', pair: '\ud83d\ude00', nested: [[['\ud83d']]] };
    expect(textProblems(value, '/body')).toEqual([
      { pointer: '/body/ok/1/a~1b', rule: 'noNulCharacter', message: 'the string contains a NUL character (U+0000)' },
      { pointer: '/body/k\ud800', rule: 'i-json', message: 'the property name has an unpaired surrogate (not I-JSON)' },
      { pointer: '/body/lone', rule: 'i-json', message: 'the string has an unpaired surrogate (not I-JSON)' },
      { pointer: '/body/nested/0/0/0', rule: 'i-json', message: 'the string has an unpaired surrogate (not I-JSON)' },
    ]);
  });

  it('finds nothing in well-formed text, whatever its characters', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const clean = JSON.parse(JSON.stringify(value).replace(/\\u0000/g, ' ')) as unknown;
        expect(textProblems(clean)).toEqual([]);
      }),
    );
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(textProblems(deep)).toHaveLength(1);
  });
});

describe('plainTextProblem and hasUnpairedSurrogate', () => {
  it('agree with a UTF-8 round trip, which replaces exactly the unpaired surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const wellFormed = new TextDecoder().decode(new TextEncoder().encode(s)) === s;
        expect(hasUnpairedSurrogate(s)).toBe(!wellFormed);
        expect(plainTextProblem(s, '/q') === null).toBe(wellFormed && !s.includes('\u0000'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8, U+FFFD written as such included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeUtf8(Buffer.from(`${s}\uFFFD`, 'utf8'))).toEqual({ text: `${s}\uFFFD` });
      }),
    );
  });

  it('finds the first byte that is not UTF-8, after any valid text', () => {
    const badSequences = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x28, 0xa1], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom(...badSequences), fc.string({ unit: 'grapheme' }), (before, bad, after) => {
        const head = Buffer.from(`${before}\uFFFD`, 'utf8');
        const bytes = Buffer.concat([head, Buffer.from(bad), Buffer.from(after, 'utf8')]);
        expect(decodeUtf8(bytes)).toEqual({ text: new TextDecoder().decode(bytes), invalid: { byte: head.length, index: `${before}\uFFFD`.length } });
      }),
    );
  });
});

describe('formEncodedPairs', () => {
  it('decodes names and values as UTF-8, + as a space, a name without = as an empty value', () => {
    expect(formEncodedPairs('a=1&people%5B0%5D%5Bname%5D=Jo+%C3%89lise&flag&=x')).toEqual([
      ['a', '1'],
      ['people[0][name]', 'Jo Élise'],
      ['flag', ''],
      ['', 'x'],
    ]);
  });
  it('refuses percent-encoding that is not UTF-8, which a lenient decoder would keep as text', () => {
    for (const bad of ['a=%ff', '%ED%A0%80=1', 'a=%e2%82', 'a=%zz']) expect(() => formEncodedPairs(bad)).toThrow(URIError);
  });
  it('gives back what URLSearchParams encoded, for any text without lone surrogates', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' })), { maxLength: 5 }), (pairs) => {
        const text = new URLSearchParams(pairs).toString();
        expect(text === '' ? [] : formEncodedPairs(text)).toEqual(pairs);
      }),
      { seed: 11 },
    );
  });
});
