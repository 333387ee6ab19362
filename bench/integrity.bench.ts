import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AccessLogService } from '@mapwork/auth';
import { CaseFileImportService } from '@mapwork/casefile';
import { Clock } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { IntegrityService, RevisionsService } from '@mapwork/revisions';
import { CliModule } from '../apps/cli/src/cli.module';
import { startPostgres } from '../test/support/postgres';
import { writeSyntheticCaseFile } from './generate';

/**
 * What the tamper evidence costs: revisions appended per second (hash, MAC, signed
 * head), access-log entries per second (chained and MACed), one at a time and from 16
 * concurrent callers, and a verification of 200,000 revisions. On SQLite, and on a
 * throwaway PostgreSQL with BENCH_DB=postgres. Figures are printed, not asserted.
 */
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 4000);
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const POSTGRES = process.env.BENCH_DB === 'postgres';

const rows: string[][] = [];
async function rate(what: string, n: number, work: () => Promise<void>) {
  const start = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rows.push([what, `${n}`, `${(ms / 1000).toFixed(2)} s`, `${Math.round((n / ms) * 1000)} /s`, `${((ms * 1000) / n).toFixed(0)} µs each`]);
}

describe(`integrity costs (${POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapwork-bench-integrity-'));
  let pg: Awaited<ReturnType<typeof startPostgres>> | null = null;
  let url = `sqlite:${join(dir, 'bench.db')}`;
  let ctx: INestApplicationContext;

  beforeAll(async () => {
    process.env.INTEGRITY_KEY_FILE = join(dir, 'integrity.key');
    process.env.CHECKPOINT_DIR = join(dir, 'checkpoints');
    if (POSTGRES) {
      pg = await startPostgres();
      const c = new Client({ connectionString: pg.url });
      await c.connect();
      await c.query('CREATE DATABASE bench');
      await c.end();
      url = pg.url.replace(/\/[^/]*$/, '/bench');
    }
    ctx = await NestFactory.createApplicationContext(CliModule.forRoot({ DATABASE_URL: url }), { logger: false });
  });
  afterAll(async () => {
    await ctx?.close();
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
    const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['measure', 'n', 'time', 'rate', 'cost'], ...rows].map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
    process.stdout.write(`\n${line(['measure', 'n', 'time', 'rate', 'cost'])}\n${rows.map(line).join('\n')}\n\n`);
  });

  it('appends revisions and access-log entries, and verifies 200,000 revisions', async () => {
    const tx = ctx.get(TransactionRunner);
    const revisions = ctx.get(RevisionsService);
    const log = ctx.get(AccessLogService);
    const state = { heldOn: '2020-01-06', harm: Array.from({ length: 8 }, (_, i) => ({ text: `something that happened, number ${i}, written out at some length` })) };
    const caseId = '00000000-0000-4000-8000-000000000001';

    await rate('revisions appended, one at a time', APPENDS, async () => {
      for (let v = 1; v <= APPENDS; v++) {
        await tx.write((em) => revisions.append(em, { entityType: 'mapping', caseId, entityId: 'm1' }, v, state, { actor: 'bench' }));
      }
    });
    await rate('revisions appended, 16 histories at once', APPENDS, async () => {
      await Promise.all(
        Array.from({ length: 16 }, (_, k) =>
          (async () => {
            for (let v = 1; v <= APPENDS / 16; v++) await tx.write((em) => revisions.append(em, { entityType: 'mapping', caseId, entityId: `c${k}` }, v, state, { actor: 'bench' }));
          })(),
        ),
      );
    });
    await rate('access-log entries (case reads), one at a time', ENTRIES, async () => {
      for (let i = 0; i < ENTRIES; i++) await tx.read((em) => log.record(em, 'bench-user', caseId, 'read', `GET /api/v1/cases/${caseId}`));
    });
    await rate('access-log entries, 16 readers at once', ENTRIES, async () => {
      await Promise.all(
        Array.from({ length: 16 }, () =>
          (async () => {
            for (let i = 0; i < ENTRIES / 16; i++) await tx.read((em) => log.record(em, 'bench-user', caseId, 'read', `GET /api/v1/cases/${caseId}`));
          })(),
        ),
      );
    });

    const file = join(dir, 'bench.casefile.json');
    const generated = await writeSyntheticCaseFile(file, CASES, 20);
    await ctx.get(CaseFileImportService).import({ path: file }, { id: 'bench', role: 'admin' });
    let report: { findings: Array<{ problem: string; caseId?: string }> } | undefined;
    await rate(`verify the whole database (${generated.revisions} imported revisions)`, generated.revisions + 2 * APPENDS, async () => {
      report = await ctx.get(IntegrityService).verify(ctx.get(Clock).now());
    });
    // the histories appended above have no current-state row (they were written without one): nothing else may be found
    expect(report!.findings.filter((f) => !(f.problem === 'current_state_missing' && f.caseId === caseId))).toEqual([]);
  });
});
