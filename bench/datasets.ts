import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ThrowawayPostgres, startPostgres } from '../test/support/postgres';
import { writeSyntheticCaseFile } from './generate';
import { runOnce } from './harness';

/**
 * The data the rows measure, each built once, on first use, in a temp directory: synthetic
 * case files (bench/generate.ts, 20 revisions a case), and the same files imported into
 * SQLite and PostgreSQL through `mapwork import`.
 */
export class DataSets {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mapwork-bench-'));
  private readonly built = new Map<string, Promise<string>>();
  private postgres: Promise<ThrowawayPostgres> | null = null;

  constructor(
    /** the `mapwork` entry point measured (bin/mapwork.js, or another build's) */
    readonly cli: string,
    private readonly log: (line: string) => void,
  ) {}

  /** The site code of every synthetic file. */
  readonly site = 'BENCH';

  caseFile(cases: number): Promise<string> {
    return this.once(`file-${cases}`, async () => {
      const path = join(this.dir, `${cases}.casefile.json`);
      const { bytes } = await writeSyntheticCaseFile(path, cases);
      this.log(`  wrote ${cases} cases (${(bytes / 2 ** 20).toFixed(0)} MiB) to ${path}`);
      return path;
    });
  }

  sqlite(cases: number): Promise<string> {
    return this.once(`sqlite-${cases}`, async () => this.imported(`sqlite:${join(this.dir, `${cases}.db`)}`, cases));
  }

  postgresql(cases: number): Promise<string> {
    return this.once(`postgres-${cases}`, async () => {
      this.postgres ??= startPostgres();
      const server = await this.postgres;
      const admin = new Client({ connectionString: server.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE bench_${cases}`);
      await admin.end();
      return this.imported(server.url.replace(/\/[^/]*$/, `/bench_${cases}`), cases);
    });
  }

  async close() {
    if (this.postgres) (await this.postgres).stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async imported(url: string, cases: number): Promise<string> {
    const file = await this.caseFile(cases);
    const run = await runOnce({ argv: [this.cli, 'import', file, '--database-url', url] });
    this.log(`  imported ${cases} cases into ${url.split(':')[0]} in ${(run.wallMs / 1000).toFixed(0)} s (peak ${run.peakMb.toFixed(0)} MiB)`);
    return url;
  }

  private once(key: string, build: () => Promise<string>): Promise<string> {
    if (!this.built.has(key)) this.built.set(key, build());
    return this.built.get(key)!;
  }
}
