import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, fixture } from '../../../../test/support/fixtures';
import { CaseFileValidators, VARIANTS, compileValidators, precompiledFile, writeValidators } from './validators';

/** What a validator said about a value: valid, or its errors (where, which keyword, which parameters). */
function verdict(validate: CaseFileValidators['case'], value: unknown) {
  const valid = validate(value);
  return { valid, errors: (validate.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params]) };
}

describe.each(VARIANTS)('the precompiled case-file validators, %s (what the build writes)', (variant) => {
  let dir: string;
  let precompiled: CaseFileValidators;
  const compiled = compileValidators(variant);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mapwork-validators-'));
    // the generated module requires ajv's runtime and the formats module beside it, as it does in dist/
    symlinkSync(join(__dirname, '..', '..', '..', '..', 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'formats.js'), `module.exports = require(${JSON.stringify(join(__dirname, 'formats'))});\n`);
    writeValidators(dir);
    precompiled = jest.requireActual(precompiledFile(variant, dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const files = ['edge-cases.casefile.json', 'random-101.casefile.json', ...readdirSync(join(FIXTURES, 'invalid')).filter((f) => f.endsWith('.json')).map((f) => `invalid/${f}`)];

  it.each(files)('judge %s exactly as the schema compiled at run time', (name) => {
    const doc = fixture(name) as { cases: unknown[] };
    expect(verdict(precompiled.document, doc)).toEqual(verdict(compiled.document, doc));
    for (const c of doc.cases) expect(verdict(precompiled.case, c)).toEqual(verdict(compiled.case, c));
  });

  it('assert formats and ECMA-262 patterns as the compiled ones do', () => {
    const doc = fixture('edge-cases.casefile.json') as { exportedAt: string; cases: Array<{ openedOn: string; team: string }> };
    doc.exportedAt = '2020-03-31T12:00:00Z\n';
    doc.cases[0].openedOn = '2019-02-30';
    doc.cases[1].team = 'e'.repeat(201);
    const wrong = verdict(precompiled.document, doc);
    expect(wrong.valid).toBe(false);
    expect(wrong.errors.map(([pointer]) => pointer)).toEqual(expect.arrayContaining(['/exportedAt', '/cases/0/openedOn', '/cases/1/team']));
    expect(wrong).toEqual(verdict(compiled.document, doc));
  });
});

describe('the two variants', () => {
  const exact = compileValidators('exact');
  const withoutSurrogates = compileValidators('withoutSurrogates');

  it('differ only in how a string with surrogates is measured: in characters, or in UTF-16 units', () => {
    const doc = fixture('edge-cases.casefile.json') as { cases: Array<{ team: string }> };
    doc.cases[0].team = '😀'.repeat(200);
    expect(verdict(exact.case, doc.cases[0]).valid).toBe(true);
    expect(verdict(withoutSurrogates.case, doc.cases[0]).valid).toBe(false);
    doc.cases[0].team = 'é'.repeat(200);
    expect(verdict(withoutSurrogates.case, doc.cases[0])).toEqual(verdict(exact.case, doc.cases[0]));
  });
});
