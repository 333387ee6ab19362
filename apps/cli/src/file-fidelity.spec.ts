import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FidelityCase, GroupBy, fidelityReport } from '@mapwork/fidelity';
import { reportMismatches } from '../../../test/support/fidelity-reports';
import { REFERENCE_REPORTS, fixture, fixturePath } from '../../../test/support/fixtures';
import { InvalidFileError, fidelityOfFiles } from './file-fidelity';

/** The report of the pure metrics over the whole parsed file (checked against the fixtures' reports in libs/fidelity). */
function expected(paths: string[], options: { asOf?: string; groupBy?: GroupBy }) {
  const files = paths.map((p) => JSON.parse(readFileSync(p, 'utf8')));
  const cases: FidelityCase[] = files.flatMap((f) => f.cases.map((c: object) => ({ ...c, site: f.site.code })));
  return fidelityReport(cases, { asOf: options.asOf ?? files[0].exportedAt, groupBy: options.groupBy });
}

describe('fidelityOfFiles (mapwork fidelity --in)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapwork-file-fidelity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const edge = fixturePath('edge-cases.casefile.json');
  const random = fixturePath('random-101.casefile.json');

  it.each(REFERENCE_REPORTS)('reproduces $report from $file', async ({ file, report, asOf, groupBy }) => {
    const ours = await fidelityOfFiles([fixturePath(file)], { asOf, groupBy });
    expect(reportMismatches(ours, fixture(report) as never)).toEqual([]);
  });

  it.each([
    [edge, {}],
    [edge, { asOf: '2019-06-15T00:00:00Z' }],
    [edge, { groupBy: 'team' as const }],
    [random, { groupBy: 'team' as const }],
    [random, { groupBy: 'worker' as const, asOf: '2019-01-01T00:00:00.5Z' }],
  ])('scores %s with %j as the whole parsed file scores', async (path, options) => {
    expect(await fidelityOfFiles([path], options)).toEqual(expected([path], options));
  });

  it("defaults to the first file's exportedAt, also when a file writes it after its cases", async () => {
    const { cases, ...header } = JSON.parse(readFileSync(edge, 'utf8'));
    const late = join(dir, 'late-header.casefile.json');
    writeFileSync(late, JSON.stringify({ cases, ...header, exportedAt: '2019-06-15T00:00:00Z' }));
    expect(await fidelityOfFiles([late], {})).toEqual(expected([late], {}));
    expect((await fidelityOfFiles([late, random], { groupBy: 'site' })).asOf).toBe('2019-06-15T00:00:00Z');
    expect(await fidelityOfFiles([late, random], {})).toEqual(expected([late, random], {}));
  });

  it('rejects a file that breaks a rule, listing its problems by pointer', async () => {
    const broken = join(dir, 'lone-surrogate.casefile.json');
    writeFileSync(broken, readFileSync(edge, 'utf8').replace('"name": "Alex Example"', '"name": "Alex \\udc00"'));
    const error = await fidelityOfFiles([broken], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFileError);
    expect((error as InvalidFileError).problems).toEqual([expect.objectContaining({ pointer: '/cases/0/people/1/name', rule: 'i-json' })]);

    const invalid = await fidelityOfFiles([fixturePath('invalid/revisions-out-of-order.casefile.json')], {}).catch((e: unknown) => e);
    expect((invalid as InvalidFileError).problems).toContainEqual(expect.objectContaining({ pointer: '/cases/3/records/0/revisions/2/at' }));

    const cut = join(dir, 'cut.casefile.json');
    writeFileSync(cut, readFileSync(edge, 'utf8').slice(0, 5000));
    expect(await fidelityOfFiles([cut], {}).catch((e: InvalidFileError) => e.problems)).toEqual([expect.objectContaining({ pointer: '', rule: 'json' })]);
  });
});
