import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CaseFileImportService, StoredFidelityService } from '@mapwork/casefile';
import { fidelityReport } from '@mapwork/fidelity';
import { CliModule } from '../apps/cli/src/cli.module';
import { fidelityOfFiles } from '../apps/cli/src/file-fidelity';
import { writeSyntheticCaseFile } from './generate';

/**
 * `npm run bench`: scoring 10,000 cases with 200,000 revisions from a file and from the
 * database, and importing them. Prints wall time and peak resident memory; targets are
 * set by the evaluator-toolkit issue, not asserted here.
 */
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const PER_CASE = 20;

function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = process.hrtime.bigint();
  return work().then((result) => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms: Number(process.hrtime.bigint() - start) / 1e6, peakMb: peak / 2 ** 20 };
  });
}

const rows: string[][] = [];
const report = (what: string, r: { ms: number; peakMb: number }, note = '') => {
  rows.push([what, `${(r.ms / 1000).toFixed(2)} s`, `${r.peakMb.toFixed(0)} MiB`, note]);
};

describe('benchmarks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapwork-bench-'));
  const file = join(dir, 'bench.casefile.json');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    const widths = [0, 1, 2, 3].map((i) => Math.max(...[['measure', 'time', 'peak RSS', 'note'], ...rows].map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
    process.stdout.write(`\n${line(['measure', 'time', 'peak RSS', 'note'])}\n${rows.map(line).join('\n')}\n\n`);
  });

  it(`${CASES} cases, ${CASES * PER_CASE} revisions`, async () => {
    const gen = await peakRss(() => writeSyntheticCaseFile(file, CASES, PER_CASE));
    report('generate the file', gen, `${(gen.result.bytes / 2 ** 20).toFixed(0)} MiB, ${gen.result.revisions} revisions`);

    const scoreOnly = await peakRss(async () => {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      return fidelityReport(doc.cases.map((c: object) => ({ ...c, site: 'BENCH' })), { asOf: doc.exportedAt, groupBy: 'team' });
    });
    report('score a parsed file (pure metrics)', scoreOnly, `${scoreOnly.result.cases.length} cases`);

    const fromFile = await peakRss(() => fidelityOfFiles([file], { groupBy: 'team' }));
    report('fidelity --in FILE (stream, validate, score)', fromFile);

    const ctx = await NestFactory.createApplicationContext(CliModule.forRoot({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` }), { logger: false });
    try {
      const imported = await peakRss(() => ctx.get(CaseFileImportService).import({ path: file }, { id: 'bench', role: 'admin' }));
      report('import the file into SQLite (one transaction)', imported, `${imported.result.revisions.added} revisions`);
      const fromDb = await peakRss(() => ctx.get(StoredFidelityService).report({ site: 'BENCH' }, { asOf: '2020-03-31T12:00:00Z', groupBy: 'team' }));
      report('fidelity over the stored cases (SQLite)', fromDb, `${fromDb.result.cases.length} cases`);
      expect(fromDb.result.groups).toEqual(fromFile.result.groups);
    } finally {
      await ctx.close();
    }
  });
});
