import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, fixture } from '../../../../test/support/fixtures';
import { CaseFileValidators, compileValidators, writeValidators } from './validators';

/** What a validator said about a value: valid, or its errors (where, which keyword, which parameters). */
function verdict(validate: CaseFileValidators['case'], value: unknown) {
  const valid = validate(value);
  return { valid, errors: (validate.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params]) };
}

describe('the precompiled case-file validators (what the build writes)', () => {
  let dir: string;
  let precompiled: CaseFileValidators;
  const compiled = compileValidators();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mapwork-validators-'));
    // the generated module requires ajv's runtime, as it does from dist/
    symlinkSync(join(__dirname, '..', '..', '..', '..', 'node_modules'), join(dir, 'node_modules'));
    writeValidators(join(dir, 'casefile.validators.js'));
    precompiled = jest.requireActual(join(dir, 'casefile.validators.js'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const files = ['edge-cases.casefile.json', 'random-101.casefile.json', ...readdirSync(join(FIXTURES, 'invalid')).filter((f) => f.endsWith('.json')).map((f) => `invalid/${f}`)];

  it.each(files)('judge %s exactly as the schema compiled at run time', (name) => {
    const doc = fixture(name) as { cases: unknown[] };
    expect(verdict(precompiled.document, doc)).toEqual(verdict(compiled.document, doc));
    for (const c of doc.cases) expect(verdict(precompiled.case, c)).toEqual(verdict(compiled.case, c));
  });

  it('assert formats and ECMA-262 patterns as the compiled ones do', () => {
    const doc = fixture('edge-cases.casefile.json') as { exportedAt: string; cases: Array<{ openedOn: string }> };
    doc.exportedAt = '2020-03-31T12:00:00Z\n';
    doc.cases[0].openedOn = '2019-02-30';
    const wrong = verdict(precompiled.document, doc);
    expect(wrong.valid).toBe(false);
    expect(wrong.errors.map(([pointer]) => pointer)).toEqual(expect.arrayContaining(['/exportedAt', '/cases/0/openedOn']));
    expect(wrong).toEqual(verdict(compiled.document, doc));
  });
});
