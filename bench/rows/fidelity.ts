import { readFileSync } from 'node:fs';
import { DerivedRow, Row, median, runOnce } from '../harness';
import { BenchContext } from './context';

/** An instant halfway through the synthetic histories (bench/generate.ts spreads them over 2018–2019). */
const MID_HISTORY = '2018-09-08T00:00:00Z';
const EXPORTED_AT = '2020-03-31T12:00:00Z';
const READ_ALL = '9999-12-31T23:59:59.999Z';

const count = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** fidelity --in (a file, nothing stored) and --site (stored cases), each against plain Node doing the same reading. */
export function fidelityRows(ctx: BenchContext): { rows: Row[]; derived: DerivedRow[] } {
  const [small, large] = [ctx.cases(1000), ctx.cases(10_000)];
  const { data } = ctx;
  const parse = (file: string) => ({ argv: ['bench/baselines/parse-file.js', file] });

  // the small file shows how time grows with size; its time is mostly start-up, so it has no ratio target
  const fileRow = (cases: number, asOf: string | null): Row => ({
    name: `fidelity --in, ${count(cases)} cases${asOf ? ', --as-of' : ''}`,
    ratio: cases === large ? 1.5 : undefined,
    peakMb: 300,
    prepare: async () => {
      const file = await data.caseFile(cases);
      return { ours: { argv: [data.cli, 'fidelity', '--in', file, ...(asOf ? ['--as-of', asOf] : [])] }, baseline: parse(file) };
    },
  });

  const siteRow = (dialect: 'sqlite' | 'postgresql', asOf: string | null): Row => ({
    name: `fidelity --site, ${count(large)} stored cases, ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}${asOf ? ', --as-of mid-history' : ''}`,
    ratio: 1.5,
    prepare: async () => {
      const url = await data[dialect](large);
      await checkSameAsFile(ctx, url, large, asOf ?? EXPORTED_AT);
      const as = asOf ? ['--as-of', asOf] : [];
      return {
        ours: { argv: [data.cli, 'fidelity', '--site', data.site, ...as, '--database-url', url] },
        baseline: { argv: ['bench/baselines/read-rows.js', url, data.site, asOf ? normalised(asOf) : READ_ALL] },
      };
    },
  });

  const rows = [
    fileRow(small, EXPORTED_AT),
    fileRow(large, EXPORTED_AT),
    fileRow(large, null),
    siteRow('sqlite', null),
    siteRow('sqlite', MID_HISTORY),
    siteRow('postgresql', null),
    siteRow('postgresql', MID_HISTORY),
  ];
  const growth: DerivedRow = {
    name: `fidelity --in, ${count(small)} → ${count(large)} cases: time grows`,
    from: [rows[0].name, rows[1].name],
    derive: ([a, b]) => {
      const factor = (x: typeof a.ours, y: typeof b.ours) => median(y.map((s) => s.wallMs)) / median(x.map((s) => s.wallMs));
      const linear = large / small;
      const ours = factor(a.ours, b.ours);
      return { ours: `${ours.toFixed(1)}×`, baseline: `${factor(a.baseline, b.baseline).toFixed(1)}×`, ratio: ours / linear, target: `≤ ${(linear * 1.2).toFixed(0)}× (linear)`, ok: ours <= linear * 1.2 };
    },
  };
  return { rows, derived: [growth] };
}

const normalised = (instant: string) => `${instant.slice(0, 19)}.000Z`;

/** Before timing: the stored cases must score exactly as their file does at the same instant. */
async function checkSameAsFile(ctx: BenchContext, url: string, cases: number, asOf: string) {
  const [fromDb, fromFile] = [ctx.scratch(`site-${cases}.json`), ctx.scratch(`file-${cases}.json`)];
  await runOnce({ argv: [ctx.data.cli, 'fidelity', '--site', ctx.data.site, '--as-of', asOf, '--format', 'json', '--out', fromDb, '--database-url', url] });
  await runOnce({ argv: [ctx.data.cli, 'fidelity', '--in', await ctx.data.caseFile(cases), '--as-of', asOf, '--format', 'json', '--out', fromFile] });
  const [a, b] = [fromDb, fromFile].map((f) => JSON.parse(readFileSync(f, 'utf8')));
  if (JSON.stringify(a.groups) !== JSON.stringify(b.groups) || a.cases.length !== b.cases.length) {
    throw new Error(`the stored cases in ${url} do not score as their file does at ${asOf}`);
  }
}
