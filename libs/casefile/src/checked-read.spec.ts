import { fixtureBytes, invalidFixtures } from '../../../test/support/fixtures';
import { readCheckedCaseFile } from './checked-read';
import { caseFileProblems } from './validation';

const text = (name: string) => fixtureBytes(name).toString('utf8');
const INVALID = invalidFixtures().map(({ file }) => file);

/** A fixture with one person's name written as a JSON escape of an unpaired surrogate. */
const withLoneSurrogate = (escape: string) => text('edge-cases.casefile.json').replace('"name": "Alex Example"', `"name": "Alex ${escape}"`);

describe('readCheckedCaseFile', () => {
  it.each([...INVALID.map((f) => `invalid/${f}`), 'edge-cases.casefile.json', 'random-101.casefile.json'])('finds in %s exactly the problems a check of the whole parsed file finds', async (name) => {
    const { problems } = await readCheckedCaseFile({ bytes: Buffer.from(text(name)) });
    expect(problems).toEqual(caseFileProblems(JSON.parse(text(name))));
  });

  it.each(['\\ud800', '\\uDFFF', '\\ud83d', '\\ude00 \\ud83d'])('rejects an unpaired surrogate written %s, at its pointer (I-JSON)', async (escape) => {
    const file = withLoneSurrogate(escape);
    const { problems } = await readCheckedCaseFile({ bytes: Buffer.from(file) });
    expect(problems).toEqual(caseFileProblems(JSON.parse(file)));
    expect(problems).toContainEqual(expect.objectContaining({ pointer: '/cases/0/people/1/name', rule: 'i-json' }));
  });

  it('rejects U+0000 (written \\u0000, the only way JSON can) in a string or a property name, of a case or of the file, at its pointer', async () => {
    const file = text('edge-cases.casefile.json')
      .replace('"name": "Alex Example"', '"name": "Alex \\u0000"')
      .replace('"format": "sofs-casefile/1"', '"format": "sofs-casefile/1", "x\\u0000": 1');
    const { problems } = await readCheckedCaseFile({ bytes: Buffer.from(file) });
    expect(problems).toEqual(caseFileProblems(JSON.parse(file)));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/cases/0/people/1/name', rule: 'noNulCharacter' }),
        expect.objectContaining({ pointer: '/x\u0000', rule: 'noNulCharacter' }),
      ]),
    );
  });

  it('accepts astral characters and U+FEFF, raw or escaped', async () => {
    const file = withLoneSurrogate('\\ud83d\\ude00 😀 \\ufeff \ufeff');
    expect((await readCheckedCaseFile({ bytes: Buffer.from(file) })).problems).toEqual([]);
  });

  it('counts lengths in characters, those beyond U+FFFF too, raw or escaped (maxLength of a team name: 200)', async () => {
    const doc = JSON.parse(text('edge-cases.casefile.json'));
    for (const [team, ok] of [['😀'.repeat(200), true], ['😀'.repeat(201), false], ['é'.repeat(200), true], ['e'.repeat(201), false]] as const) {
      doc.cases[5].team = team;
      const raw = JSON.stringify(doc);
      const escaped = raw.replace(/😀/g, '\\ud83d\\ude00');
      for (const file of [raw, escaped]) {
        const { problems } = await readCheckedCaseFile({ bytes: Buffer.from(file) });
        expect(problems).toEqual(ok ? [] : [expect.objectContaining({ pointer: '/cases/5/team', rule: 'maxLength' })]);
        expect(problems).toEqual(caseFileProblems(JSON.parse(file)));
      }
    }
  });

  it('hands on each case until the first problem, and keeps checking to the end', async () => {
    const doc = JSON.parse(text('edge-cases.casefile.json'));
    doc.cases[3].openedOn = '2019-02-30';
    doc.cases[7].stage = 'nonsense';
    const handed: number[] = [];
    const { problems } = await readCheckedCaseFile({ bytes: Buffer.from(JSON.stringify(doc)) }, { onCase: (_, i) => void handed.push(i) });
    expect(handed).toEqual([0, 1, 2]);
    expect(problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/cases/3/openedOn', '/cases/7/stage']));
  });

  it('gives the fields before the first case, reading them first when the file writes them after its cases', async () => {
    const { cases, ...header } = JSON.parse(text('edge-cases.casefile.json'));
    const seen: unknown[] = [];
    const reading = { beforeCases: (fields: object, problems: unknown[]) => void seen.push({ fields: { ...fields }, problems }) };
    for (const file of [{ ...header, cases }, { cases, ...header }, { format: header.format, cases, ...header }]) {
      seen.length = 0;
      const { fields, problems } = await readCheckedCaseFile({ bytes: Buffer.from(JSON.stringify(file)) }, reading);
      expect(problems).toEqual([]);
      expect(fields).toEqual({ ...header, cases: [] });
      expect(seen).toEqual([{ fields: { ...header, cases: [] }, problems: [] }]);
    }
    seen.length = 0;
    const bad = await readCheckedCaseFile({ bytes: Buffer.from(JSON.stringify({ cases, ...header, format: 'other' })) }, reading);
    expect(seen[0]).toMatchObject({ problems: [expect.objectContaining({ pointer: '/format' })] });
    expect(bad.problems).toContainEqual(expect.objectContaining({ pointer: '/format' }));
  });

  it('turns a file that is not JSON into one problem at the root', async () => {
    expect(await readCheckedCaseFile({ bytes: Buffer.from('{"format": "sofs-casefile/1", "cases": [') })).toEqual({
      fields: null,
      problems: [expect.objectContaining({ pointer: '', rule: 'json' })],
    });
  });
});
