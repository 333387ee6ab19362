import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSets } from './datasets';
import { DerivedRow, ROOT, Row, RowResult, formatTable, measure, tableLines } from './harness';
import { MODULES } from './rows';

/**
 * `npm run bench` (after `npm run build`): every row of bench/rows, ours and its baseline
 * in fresh processes, paired and interleaved; a table of medians, each ratio beside its
 * target; exit 1 when a target is missed.
 *
 *   --quick           a tenth of the cases, one round (BENCH_SCALE and BENCH_ROUNDS set them too)
 *   --rounds N        pairs per row (default 3)
 *   --only TEXT       only the rows whose name contains TEXT
 *   --cli PATH        measure another build's bin/mapwork.js (the baselines stay the same)
 */
function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const scale = Number(process.env.BENCH_SCALE ?? (quick ? 0.1 : 1));
  const rounds = Number(option('--rounds') ?? process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
  const only = option('--only');
  const cli = resolve(option('--cli') ?? join(ROOT, 'bin', 'mapwork.js'));
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const scratch = mkdtempSync(join(tmpdir(), 'mapwork-bench-out-'));
  const data = new DataSets(cli, log);
  const ctx = { data, cases: (full: number) => Math.max(10, Math.round(full * scale)), scratch: (name: string) => join(scratch, name) };
  const rows: Row[] = [];
  const derived: DerivedRow[] = [];
  for (const module of MODULES) {
    const made = module(ctx);
    rows.push(...made.rows.filter((r) => !only || r.name.includes(only)));
    derived.push(...(made.derived ?? []));
  }

  const started = Date.now();
  const load = loadavg();
  const table: string[][] = [];
  const results = new Map<string, RowResult>();
  let failed = 0;
  try {
    for (const row of rows) {
      log(`${row.name}`);
      try {
        const result = await measure(row, rounds, log);
        results.set(row.name, result);
        for (const line of tableLines(row, result)) {
          table.push(line);
          if (line[5] === 'NO') failed++;
        }
      } catch (e) {
        log(`  failed: ${(e as Error).message}`);
        table.push([row.name, 'error', '', '', '', 'NO', '']);
        failed++;
      }
    }
    for (const d of derived) {
      const inputs = d.from.map((name) => results.get(name));
      if (inputs.some((r) => !r)) continue;
      const r = d.derive(inputs as RowResult[]);
      table.push([d.name, r.ours, r.baseline, `${r.ratio.toFixed(2)}×`, r.target, r.ok ? 'yes' : 'NO', '']);
      if (!r.ok) failed++;
    }
  } finally {
    await data.close();
    rmSync(scratch, { recursive: true, force: true });
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node.js ${process.version}`;
  process.stdout.write(
    `\n${formatTable(table)}\n\n` +
      `wall time medians of ${rounds} interleaved pair${rounds === 1 ? '' : 's'} per row; ratio: median of the pairs' ratios of wall time; cpu ratio: of the medians of CPU time; peak memory: the highest of the runs\n` +
      `${machine}; load average ${load.map((l) => l.toFixed(1)).join(' ')} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; ${minutes} min\n` +
      `${failed ? `${failed} target${failed === 1 ? '' : 's'} missed` : 'every target met'}\n`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(2);
  },
);
