import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { caseFileProblems } from './validation';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'fixtures');
const load = (p: string) => JSON.parse(readFileSync(join(FIXTURES, p), 'utf8'));

/** The pointer each invalid fixture must be rejected at, read from its README table. */
function expectedPointers(): Array<[string, string, string]> {
  const readme = readFileSync(join(FIXTURES, 'invalid', 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| `([^`]+\.json)` \| `([^`]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
}

describe('case-file validation', () => {
  it.each(['edge-cases.casefile.json', 'random-101.casefile.json'])('accepts %s', (name) => {
    expect(caseFileProblems(load(name))).toEqual([]);
  });

  const table = expectedPointers();
  it('covers every file in fixtures/invalid', () => {
    const files = readdirSync(join(FIXTURES, 'invalid')).filter((f) => f.endsWith('.json')).sort();
    expect(table.map(([f]) => f).sort()).toEqual(files);
  });

  it.each(table)('rejects %s at %s (%s)', (file, pointer) => {
    const problems = caseFileProblems(load(join('invalid', file)));
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
