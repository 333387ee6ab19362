import { readdirSync } from 'node:fs';
import { FIXTURES, fixture, invalidFixtures } from '../../../test/support/fixtures';
import { caseFileProblems } from './validation';

// a fresh copy each time: tests below change the document
const load = (name: string) => fixture(name) as any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('case-file validation', () => {
  it.each(['edge-cases.casefile.json', 'random-101.casefile.json'])('accepts %s', (name) => {
    expect(caseFileProblems(load(name))).toEqual([]);
  });

  const table = invalidFixtures();
  it('covers every file in fixtures/invalid', () => {
    const files = readdirSync(`${FIXTURES}/invalid`).filter((f) => f.endsWith('.json')).sort();
    expect(table.map(({ file }) => file).sort()).toEqual(files);
  });

  it.each(table)('rejects $file at $pointer ($rule)', ({ file, pointer }) => {
    const problems = caseFileProblems(load(`invalid/${file}`));
    expect(problems.map((p) => p.pointer)).toContain(pointer);
  });

  it('rejects unpaired surrogates, impossible instants and a leap second', () => {
    const doc = load('edge-cases.casefile.json');
    doc.site.name = 'bad \ud800 name';
    doc.cases[1].records[0].revisions[0].at = '2019-05-02T23:59:60Z';
    doc.cases[2].people[0].name = 'x\udc00';
    const pointers = caseFileProblems(doc).map((p) => `${p.pointer} ${p.rule}`);
    expect(pointers).toEqual(expect.arrayContaining(['/site/name i-json', '/cases/1/records/0/revisions/0/at pattern', '/cases/2/people/0/name i-json']));
  });

  it('rejects a trailing newline in an instant (patterns are ECMA-262: $ ends the string)', () => {
    const doc = load('edge-cases.casefile.json');
    doc.exportedAt = '2020-03-31T12:00:00Z\n';
    expect(caseFileProblems(doc).map((p) => p.pointer)).toContain('/exportedAt');
  });

  it('names the second of two clashing danger-statement ids', () => {
    const doc = load('edge-cases.casefile.json');
    const c = doc.cases.findIndex((x: { records: { type: string }[] }) => x.records.some((r) => r.type === 'mapping'));
    const m = doc.cases[c].records.findIndex((r: { type: string }) => r.type === 'mapping');
    const data = doc.cases[c].records[m].revisions[0].data;
    data.dangerStatements = [{ id: 'd1', text: 'a' }, { id: 'd1', text: 'b' }];
    expect(caseFileProblems(doc)).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: `/cases/${c}/records/${m}/revisions/0/data/dangerStatements/1/id`, rule: 'uniqueDangerStatementId' })]),
    );
  });
});
