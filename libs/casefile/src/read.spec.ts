import fc from 'fast-check';
import { MalformedJsonError, scanCaseFile } from './read';

/** The file's bytes in pieces cut at `cuts` (positions, any order, duplicates allowed). */
function pieces(bytes: Buffer, cuts: number[] = []): Buffer[] {
  const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    out.push(bytes.subarray(from, to));
    from = to;
  }
  return out;
}

async function scan(text: string | Buffer, cuts: number[] = []) {
  const seen: unknown[] = [];
  const unusual: boolean[] = [];
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const header = await scanCaseFile(
    { bytes: pieces(bytes, cuts) },
    {
      onCase: (v, i, unusualText) => {
        expect(i).toBe(seen.length);
        seen.push(v);
        unusual.push(unusualText);
      },
    },
  );
  return { header, seen, unusual };
}

const malformed = (text: string | Buffer) => scan(text).then(
  () => null,
  (e: unknown) => {
    expect(e).toBeInstanceOf(MalformedJsonError);
    return e as MalformedJsonError;
  },
);

describe('scanCaseFile', () => {
  it('yields each case and the header with cases emptied, members in any order', async () => {
    expect(await scan('{"cases":[{"ref":"a"},{"ref":"b"}],"format":"x","site":{"code":"S"}}')).toMatchObject({
      header: { cases: [], format: 'x', site: { code: 'S' } },
      seen: [{ ref: 'a' }, { ref: 'b' }],
    });
  });

  it('tells the header read so far when cases open, and skips the cases unparsed without onCase', async () => {
    const text = '{"format":"x","cases":[{"ref":"a"}, {not: "even" JSON}],"site":{"code":"S"}}';
    const before: unknown[] = [];
    const header = await scanCaseFile({ bytes: Buffer.from(text) }, { beforeCases: (soFar) => void before.push({ ...soFar }) });
    expect(before).toEqual([{ format: 'x', cases: [] }]);
    expect(header).toEqual({ format: 'x', cases: [], site: { code: 'S' } });
  });

  it('keeps every character: U+FEFF, astral characters, lone surrogates and U+0000 (the validator judges them)', async () => {
    const { seen, unusual } = await scan(
      '{"cases":[{"t":"\\ufeff x \ufeff","a":"😀\\ud83d\\ude00"},{"u":"\\ud800","k":{"\\udc00":1}},{"plain":"\\\\ud800 \\u00e9 é \\\\u0000 \\u0001"},{"astral":"x😀"},{"nul":"\\u0000"}]}',
    );
    expect(seen).toEqual([{ t: '\ufeff x \ufeff', a: '😀😀' }, { u: '\ud800', k: { '\udc00': 1 } }, { plain: '\\ud800 é é \\u0000 \u0001' }, { astral: 'x😀' }, { nul: '\u0000' }]);
    // a \uD800–\uDFFF or \u0000 escape or a character beyond U+FFFF; not an escaped backslash before "ud800" or "u0000", not U+00E9 or U+0001
    expect(unusual).toEqual([true, true, false, true, true]);
  });

  it('decodes a character whose UTF-8 bytes are split between chunks', async () => {
    const text = Buffer.from('{"cases":[{"t":"é😀€"}]}');
    const start = text.indexOf('é');
    for (let cut = start; cut <= start + 9; cut++) expect((await scan(text, [cut, cut + 1])).seen).toEqual([{ t: 'é😀€' }]);
  });

  it('ignores a UTF-8 byte order mark at the start of the file, even split between chunks, and nowhere else', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const file = Buffer.concat([bom, Buffer.from('{"cases":[{"ref":"a"}]}')]);
    for (const cuts of [[], [1], [2], [1, 2]]) expect((await scan(file, cuts)).seen).toEqual([{ ref: 'a' }]);
    expect(await malformed(Buffer.concat([Buffer.from(' '), file]))).not.toBeNull();
    expect(await malformed(Buffer.concat([bom, bom, Buffer.from('{}')]))).not.toBeNull();
    expect(await malformed(Buffer.concat([bom.subarray(0, 2), Buffer.from('{}')]))).not.toBeNull();
  });

  it('keeps a member named __proto__ as a field, as JSON.parse does', async () => {
    const { header } = await scan('{"__proto__":{"polluted":true},"cases":[]}');
    expect(Object.keys(header)).toEqual(['__proto__', 'cases']);
    expect((header as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('leaves a cases value that is not an array to the header check', async () => {
    for (const value of ['"nope"', '{"a":[1]}', '12', 'null', 'true']) {
      expect((await scan(`{"cases":${value}}`)).header).toEqual({ cases: JSON.parse(value) });
    }
  });

  it('refuses a member given twice, naming it: the cases of a first one would already have been read', async () => {
    const twice = await malformed('{"cases":[1],"format":"x","cases":[2]}');
    expect(twice?.problem).toMatchObject({ pointer: '/cases', rule: 'i-json' });
    expect((await malformed('{"site":{},"a/b":1,"a/b":2}'))?.problem).toMatchObject({ pointer: '/a~1b', rule: 'i-json' });
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect((await malformed(Buffer.concat([Buffer.from('{"cases":[{"t":"'), Buffer.from([0xff]), Buffer.from('"}]}')])))?.message).toMatch(/not UTF-8/);
    // an encoded surrogate is not UTF-8 either
    expect(await malformed(Buffer.concat([Buffer.from('{"site":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]))).not.toBeNull();
  });

  it.each([
    '',
    ' ',
    '{',
    '{"cases":[{"ref":',
    '{"cases":[{"ref":"a"}',
    '{"cases":[{"ref":"a"},]}',
    '{"cases":[,{"ref":"a"}]}',
    '{"cases":[{"ref":"a"} {"ref":"b"}]}',
    '{"cases":[{"ref":"a"]}]}',
    '{"cases":[{"ref":"a}]}',
    '{"cases":[tru]}',
    '[1,2]',
    '"text"',
    '{"a":1}{"b":2}',
    '{"a":1}x',
    '{"a":1,}',
    '{,"a":1}',
    '{"a" 1}',
    '{"a":}',
    '{a:1}',
    "{'a':1}",
    '{"a":1 "b":2}',
    '{"a":"\\x"}',
    '{"a":01}',
    '{"a":"tab\there"}',
    '{"a":1}\u00a0',
    '{\u000b"a":1}',
  ])('refuses %j as malformed', async (text) => {
    expect(await malformed(text)).not.toBeNull();
  });

  it('says where a file goes wrong, by byte and by line and column', async () => {
    expect((await malformed('{"a":1,}'))?.message).toMatch(/expected a member name at byte 7 \(line 1, column 8\)$/);
    const e = await malformed('{\n  "cases": [\n    {"ref": "é", "x": ]\n  ]\n}');
    expect(e?.message).toMatch(/unexpected token .\]. at byte 38 \(line 3, column 23\)$/);
    expect(e?.problem).toMatchObject({ pointer: '', rule: 'json' });
  });

  it('never quotes the file in its messages', async () => {
    const e = await malformed('{"cases":[{"name":"Alex Example", }]}');
    expect(e?.message).not.toMatch(/Alex/);
  });

  it('passes on what the case handler throws, and stops reading', async () => {
    let n = 0;
    const boom = new Error('stored revision differs');
    const reading = scanCaseFile(
      { bytes: Buffer.from('{"cases":[1,2,3]}') },
      {
        onCase: () => {
          n++;
          throw boom;
        },
      },
    );
    await expect(reading).rejects.toBe(boom);
    expect(n).toBe(1);
  });
});

/** JSON text of a value with white space from `space` between tokens and some characters written as escapes. */
function render(value: unknown, space: () => string, escapeChar: () => boolean): string {
  const str = (s: string) => {
    let out = '"';
    for (const ch of s) {
      const plain = JSON.stringify(ch).slice(1, -1);
      // a lone surrogate is already an escape; any other character may be written as one (astral ones as a pair)
      out += plain.length === ch.length && escapeChar() ? [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('') : plain;
    }
    return `${out}"`;
  };
  const go = (v: unknown): string => {
    if (Array.isArray(v)) return `[${space()}${v.map((x) => go(x)).join(`${space()},${space()}`)}${space()}]`;
    if (v && typeof v === 'object') {
      return `{${space()}${Object.entries(v)
        .map(([k, x]) => `${str(k)}${space()}:${space()}${go(x)}`)
        .join(`${space()},${space()}`)}${space()}}`;
    }
    return typeof v === 'string' ? str(v) : JSON.stringify(v);
  };
  return go(value);
}

/** Every string and property name in a parsed JSON value. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...texts(v)]);
  return [];
}

/** Strings of any UTF-16 code units: brackets, quotes, backslashes, astral characters, lone surrogates, U+0000. */
const anyText = fc.oneof(
  fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', ' ', 'u', 'd', '8', '0', 'é', '😀', '\ufeff', '\ud800', '\udc00', '\u0000') }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) }),
  fc.string({ unit: 'binary' }),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), anyText, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(anyText, tie('value'), { maxKeys: 4 })),
})).value;
const caseFile = fc.record({
  header: fc.dictionary(fc.oneof(anyText, fc.constant('__proto__')).filter((k) => k !== 'cases'), anyJson, { maxKeys: 4 }),
  cases: fc.array(anyJson, { maxLength: 6 }),
  casesAt: fc.nat(),
});
const whitespace = fc.array(fc.stringMatching(/^[ \t\r\n]{0,3}$/), { minLength: 1, maxLength: 8 });

describe('scanCaseFile against JSON.parse', () => {
  it('reads generated files, written with any white space and escapes and cut anywhere, as JSON.parse does', async () => {
    await fc.assert(
      fc.asyncProperty(caseFile, whitespace, fc.array(fc.boolean(), { minLength: 1 }), fc.array(fc.nat(), { maxLength: 12 }), async (file, spaces, escapes, cuts) => {
        let s = 0;
        let e = 0;
        const members = Object.entries(file.header);
        members.splice(file.casesAt % (members.length + 1), 0, ['cases', file.cases]);
        const text = render(Object.fromEntries(members), () => spaces[s++ % spaces.length], () => escapes[e++ % escapes.length]);
        const bytes = Buffer.from(`${spaces[0]}${text}${spaces[spaces.length - 1]}`);
        const expected = JSON.parse(bytes.toString('utf8'));
        const { header, seen, unusual } = await scan(bytes, cuts.map((c) => c % (bytes.length + 1)));
        expect(seen).toEqual(expected.cases);
        expect(header).toEqual({ ...expected, cases: [] });
        // a case whose strings or property names hold a surrogate, paired or not, or U+0000, is always said to
        seen.forEach((c, i) => {
          if (texts(c).some((t) => /[\u0000\uD800-\uDFFF]/.test(t))) expect(unusual[i]).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('accepts nothing that JSON.parse refuses (files with a byte deleted, doubled or replaced)', async () => {
    await fc.assert(
      fc.asyncProperty(caseFile, fc.nat(), fc.constantFrom('delete', 'double', '{', '}', '[', ']', '"', ',', ':', '\\', 'x', ' '), fc.array(fc.nat(), { maxLength: 6 }), async (file, where, change, cuts) => {
        const text = Buffer.from(JSON.stringify({ ...file.header, cases: file.cases }));
        const i = where % text.length;
        const edit = change === 'delete' ? [] : change === 'double' ? [text[i], text[i]] : [change.charCodeAt(0)];
        const bytes = Buffer.concat([text.subarray(0, i), Buffer.from(edit), text.subarray(i + 1)]);
        let parsed: unknown;
        try {
          parsed = JSON.parse(bytes.toString('utf8'));
        } catch {
          parsed = undefined;
        }
        const ours = await scan(bytes, cuts.map((c) => c % (bytes.length + 1))).catch((e: unknown) => {
          expect(e).toBeInstanceOf(MalformedJsonError);
          return null;
        });
        if (ours) expect(Array.isArray(ours.header.cases) ? { ...ours.header, cases: ours.seen } : ours.header).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });
});
