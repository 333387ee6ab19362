import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * The measuring side of `npm run bench`: each command runs in a fresh Node.js process;
 * the parent times it from spawn to exit, and a preloaded hook (usage.js) hands back the
 * child's own CPU time and peak resident memory.
 */
export const ROOT = join(__dirname, '..');
const USAGE = join(__dirname, 'usage.js');

/** A run of `node` with these arguments, from the repository root. */
export interface Command {
  argv: string[];
  env?: Record<string, string>;
}

export interface Sample {
  wallMs: number;
  cpuMs: number;
  peakMb: number;
}

/**
 * One row of the table: a measurement of ours and a plain-Node baseline doing the same
 * work, prepared (data built, correctness checked) only when the row is run.
 */
export interface Row {
  name: string;
  prepare: () => Promise<{ ours: Command; baseline: Command }>;
  /** ours ÷ baseline, wall time, at most (none: the times are shown for what they tell) */
  ratio?: number;
  /** ours' peak resident memory, in MiB, below */
  peakMb?: number;
}

/** A row computed from the results of others (growth with size, for instance). */
export interface DerivedRow {
  name: string;
  from: string[];
  derive: (results: RowResult[]) => { ours: string; baseline: string; ratio: number; target: string; ok: boolean };
}

export interface RowResult {
  name: string;
  ours: Sample[];
  baseline: Sample[];
  /** median of the paired ratios ours ÷ baseline (wall time) */
  ratio: number;
}

export function runOnce(command: Command): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', USAGE, ...command.argv], {
      cwd: ROOT,
      env: { ...process.env, ...command.env },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let usage = '';
    let stderr = '';
    child.stdio[3]!.on('data', (d) => (usage += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 || !usage) return reject(new Error(`node ${command.argv.join(' ')} exited with ${code}\n${stderr.slice(-2000)}`));
      const u = JSON.parse(usage) as NodeJS.ResourceUsage;
      resolve({ wallMs, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakMb: u.maxRSS / 1024 });
    });
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `rounds` pairs, alternating which goes first, so drift in the machine's load falls on both. */
export async function measure(row: Row, rounds: number, log: (line: string) => void): Promise<RowResult> {
  const { ours, baseline } = await row.prepare();
  const result: RowResult = { name: row.name, ours: [], baseline: [], ratio: NaN };
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let o: Sample;
    let b: Sample;
    if (r % 2 === 0) {
      o = await runOnce(ours);
      b = await runOnce(baseline);
    } else {
      b = await runOnce(baseline);
      o = await runOnce(ours);
    }
    result.ours.push(o);
    result.baseline.push(b);
    ratios.push(o.wallMs / b.wallMs);
    const run = (x: Sample) => `${seconds(x.wallMs)} (cpu ${seconds(x.cpuMs)}, ${x.peakMb.toFixed(0)} MiB)`;
    log(`  ${row.name}, round ${r + 1}/${rounds}: ours ${run(o)}, baseline ${run(b)}`);
  }
  result.ratio = median(ratios);
  return result;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The table lines of a measured row: time, then memory when the row has a memory target; ok is NO for a missed target. */
export function tableLines(row: Row, r: RowResult): string[][] {
  const lines: string[][] = [];
  const wall = (xs: Sample[]) => median(xs.map((s) => s.wallMs));
  const peak = (xs: Sample[]) => Math.max(...xs.map((s) => s.peakMb));
  const target = row.ratio === undefined ? ['', ''] : [`≤ ${row.ratio}×`, r.ratio <= row.ratio ? 'yes' : 'NO'];
  const cpu = median(r.ours.map((s) => s.cpuMs)) / median(r.baseline.map((s) => s.cpuMs));
  lines.push([row.name, seconds(wall(r.ours)), seconds(wall(r.baseline)), `${r.ratio.toFixed(2)}×`, ...target, `${cpu.toFixed(2)}×`]);
  if (row.peakMb !== undefined) {
    const ours = peak(r.ours);
    lines.push([`${row.name}: peak memory`, `${ours.toFixed(0)} MiB`, `${peak(r.baseline).toFixed(0)} MiB`, `${(ours / peak(r.baseline)).toFixed(2)}×`, `< ${row.peakMb} MiB`, ours < row.peakMb ? 'yes' : 'NO', '']);
  }
  return lines;
}

export function formatTable(rows: string[][]): string {
  // the last column, the ratio of CPU times, is for reading a run on a busy machine; targets are on wall time
  const header = ['path', 'ours', 'baseline', 'ratio', 'target', 'ok', 'cpu ratio'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
