import { MalformedJsonError, scanCaseFile } from './read';

/** The streaming reader on the shapes a hostile or broken file can take. */
describe('scanCaseFile', () => {
  const scan = async (text: string) => {
    const seen: unknown[] = [];
    const header = await scanCaseFile({ bytes: Buffer.from(text) }, (v) => {
      seen.push(v);
    });
    return { header, seen };
  };

  it('yields each case and the header with cases emptied, keys in any order', async () => {
    expect(await scan('{"cases":[{"ref":"a"},{"ref":"b"}],"format":"x","site":{"code":"S"}}')).toEqual({
      header: { cases: [], format: 'x', site: { code: 'S' } },
      seen: [{ ref: 'a' }, { ref: 'b' }],
    });
  });

  it('keeps every character, U+FEFF and lone surrogates included (the validator judges them)', async () => {
    const { seen } = await scan('{"cases":[{"t":"\\ufeff x \ufeff","u":"\\ud800"}]}');
    expect(seen).toEqual([{ t: '\ufeff x \ufeff', u: '\ud800' }]);
  });

  it('leaves a cases value that is not an array to the header check', async () => {
    expect((await scan('{"cases":"nope"}')).header).toEqual({ cases: 'nope' });
    expect((await scan('{"cases":{"a":1}}')).header).toEqual({ cases: { a: 1 } });
  });

  it.each(['', '{', '{"cases":[{"ref":', '[1,2]', '"text"', '{"a":1}{"b":2}', '{"a":1,}'])('refuses %j as malformed', async (text) => {
    await expect(scan(text)).rejects.toBeInstanceOf(MalformedJsonError);
  });

  it('passes on what the case handler throws, and stops reading', async () => {
    let n = 0;
    const boom = new Error('stored revision differs');
    await expect(
      scanCaseFile({ bytes: Buffer.from('{"cases":[1,2,3]}') }, () => {
        n++;
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(n).toBe(1);
  });
});
