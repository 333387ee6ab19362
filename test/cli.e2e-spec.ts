import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support/cli';
import { reportMismatches } from './support/fidelity-reports';
import { REFERENCE_REPORTS, fixture, fixturePath } from './support/fixtures';
import { TestDatabase, freshDatabase } from './support/test-app';

/** Every failure of the command line is one line on standard error, `mapwork: …`, and never a stack trace. */
function expectOneLine(err: string, pattern: RegExp) {
  expect(err.split('\n')).toEqual([expect.stringMatching(pattern), '']);
  expect(err).toMatch(/^mapwork: /);
  expect(err).not.toMatch(/\n\s+at /);
}

describe('the mapwork command line: reports of files, and how it fails (e2e)', () => {
  let dir: string;
  let db: TestDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mapwork-cli-'));
    db = await freshDatabase();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });
  const scratch = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it.each(REFERENCE_REPORTS)('`fidelity --in $file` as at $asOf by $groupBy prints $report', async ({ file, report, asOf, groupBy }) => {
    const args = ['fidelity', '--in', fixturePath(file), '--format', 'json', ...(asOf ? ['--as-of', asOf] : []), ...(groupBy ? ['--group-by', groupBy] : [])];
    const res = await cli(args);
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(reportMismatches(JSON.parse(res.out), fixture(report))).toEqual([]);
  });

  it('lists its exit codes in --help', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/Exit codes:\n\s+0 +done\n\s+1 +the input has problems[^\n]*\n\s+2 [^\n]*\n\s+3 +the database[^\n]*\n\s+4 +an internal error/);
    expect(res.out).toContain('MAPWORK_DEBUG');
  });

  it('names a file that cannot be read, in one line, exit 2', async () => {
    const missing = join(dir, 'missing.json');
    expect(await cli(['fidelity', '--in', missing])).toEqual({ code: 2, out: '', err: `mapwork: ${missing}: no such file or folder\n` });
    expect(await cli(['compare', '--in', fixturePath('edge-cases.casefile.json'), '--in', missing])).toMatchObject({ code: 2, err: `mapwork: ${missing}: no such file or folder\n` });
    expect(await cli(['fidelity', '--in', dir])).toMatchObject({ code: 2, err: `mapwork: ${dir}: is a folder, not a file\n` });
    const inside = join(scratch('plain.txt', 'x'), 'case.json');
    expect(await cli(['fidelity', '--in', inside])).toMatchObject({ code: 2, err: `mapwork: ${inside}: a part of the path is not a folder\n` });
  });

  it('says a file is not JSON, or which rules it breaks, in one line, exit 1; --all-problems lists every problem', async () => {
    const broken = scratch('broken.json', '{"format": "sofs-casefile/1", "cases": [');
    const notJson = await cli(['fidelity', '--in', broken]);
    expect(notJson.code).toBe(1);
    expectOneLine(notJson.err, new RegExp(`^mapwork: ${broken}: the file is not valid JSON: `));

    const doc = fixture('edge-cases.casefile.json') as { format: string; cases: Array<{ openedOn: string; ref: string }> };
    doc.format = 'sofs-casefile/0';
    for (const c of doc.cases.slice(0, 5)) c.openedOn = '2019-02-30';
    const invalid = scratch('invalid.json', JSON.stringify(doc));
    const res = await cli(['fidelity', '--in', invalid]);
    expect(res.code).toBe(1);
    expectOneLine(
      res.err,
      new RegExp(`^mapwork: ${invalid}: not a valid sofs-casefile/1 file: 6 problems: /format [^;]+; /cases/0/openedOn [^;]+; /cases/1/openedOn [^;]+; and 3 more \\(--all-problems lists every one\\)$`),
    );
    const all = await cli(['--all-problems', 'fidelity', '--in', invalid]);
    expect(all.code).toBe(1);
    const lines = all.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/6 problems: .* and 3 more$/);
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(['/format', ...[0, 1, 2, 3, 4].map((i) => `/cases/${i}/openedOn`)]);
  });

  it('rejects bad usage in one line, exit 2', async () => {
    const file = fixturePath('edge-cases.casefile.json');
    for (const [args, message] of [
      [['fidelity', '--in', file, '--bogus'], /^mapwork: unknown option '--bogus'/],
      [['fidelity', '--in', file, '--group-by', 'county'], /^mapwork: --group-by must be one of site, team, worker$/],
      [['fidelity', '--in', file, '--as-of', '2019-02-30T00:00:00Z'], /^mapwork: asOf must be a UTC instant/],
      [['fidelity', '--in', file, '--format', 'pdf'], /^mapwork: --format must be table, json, csv or html$/],
      [['frobnicate'], /^mapwork: unknown command 'frobnicate'$/],
      [['import'], /^mapwork: missing required argument 'files'$/],
      [['verify', '--database-url', 'mysql://db/mapwork'], /^mapwork: the configuration is wrong: DATABASE_URL must be sqlite:/],
      [['instrument', 'report', 'x', 'scores', '--format', 'xml'], /^mapwork: --format must be table, json, csv$/],
    ] as Array<[string[], RegExp]>) {
      const res = await cli(args);
      expect({ args, code: res.code }).toEqual({ args, code: 2 });
      expectOneLine(res.err, message);
    }
  });

  it('says the database cannot be opened, in one line naming it (never its password), exit 3', async () => {
    const notADatabase = scratch('not-a-database.db', 'this is not SQLite');
    const sqlite = await cli(['verify', '--database-url', `sqlite:${notADatabase}`]);
    expect(sqlite.code).toBe(3);
    expectOneLine(sqlite.err, new RegExp(`^mapwork: database sqlite:${notADatabase}: cannot open it: file is not a database$`));

    const unreachable = await cli(['migrate', '--database-url', 'postgres://mapwork:s3cret@127.0.0.1:1/mapwork']);
    expect(unreachable.code).toBe(3);
    expectOneLine(unreachable.err, /^mapwork: database postgres:\/\/mapwork:\*\*\*@127\.0\.0\.1:1\/mapwork: cannot open it: .*ECONNREFUSED/);
    expect(unreachable.err).not.toContain('s3cret');
  });

  it('goes on to the next file after one that fails, and exits with the worst code', async () => {
    const missing = join(dir, 'gone.casefile.json');
    const doc = fixture('edge-cases.casefile.json') as { site: { code: string } };
    doc.site.code = 'CLI-NEXT';
    const good = scratch('good.casefile.json', JSON.stringify(doc));
    const res = await cli(['import', fixturePath('invalid/wrong-format.casefile.json'), missing, good, '--database-url', db.url]);
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/good\.casefile\.json: site CLI-NEXT \(new\): 19 cases created/);
    expect(res.err.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^mapwork: .*wrong-format\.casefile\.json: rejected, nothing stored: 1 problem: \/format /),
      `mapwork: ${missing}: no such file or folder`,
    ]);
  });

  it('names an output file that cannot be written, in one line, exit 2', async () => {
    const out = join(dir, 'no-such-folder', 'report.csv');
    const res = await cli(['fidelity', '--in', fixturePath('edge-cases.casefile.json'), '--format', 'csv', '--out', out]);
    expect(res.code).toBe(2);
    expectOneLine(res.err, new RegExp(`^mapwork: ${out}: no such file or folder$`));
    const exported = await cli(['export', '--site', 'CLI-NEXT', '--out', out, '--database-url', db.url]);
    expect(exported.code).toBe(2);
    expectOneLine(exported.err, new RegExp(`^mapwork: ${out}: no such file or folder$`));
  });

  it('prints where an error happened only when MAPWORK_DEBUG=1 asks', async () => {
    const missing = join(dir, 'missing.json');
    process.env.MAPWORK_DEBUG = '1';
    try {
      const res = await cli(['fidelity', '--in', missing]);
      expect(res.code).toBe(2);
      expect(res.err).toMatch(new RegExp(`^mapwork: ${missing}: no such file or folder\\nError: ENOENT[^\\n]*\\n\\s+at `));
    } finally {
      delete process.env.MAPWORK_DEBUG;
    }
  });
});
