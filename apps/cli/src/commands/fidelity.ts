import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { FidelityReport } from '@mapwork/fidelity';
import { GROUP_BY, GroupBy } from '@mapwork/fidelity/report';
import { InvalidAsOfError } from '@mapwork/fidelity/score-case';
import { isInstant } from '@mapwork/kernel/time';
import { Globals, ProblemsError, UsageError, checkReadable, repeatable, withContext } from '../support';

const FORMATS = ['table', 'json', 'csv', 'html'];

interface Source {
  in: string[];
  site?: string;
  groupBy: string;
  format: string;
}

function checkSource(opts: Source): void {
  if (!(GROUP_BY as readonly string[]).includes(opts.groupBy)) throw new UsageError(`--group-by must be one of ${GROUP_BY.join(', ')}`);
  if (!FORMATS.includes(opts.format)) throw new UsageError('--format must be table, json, csv or html');
  if (opts.in.length && opts.site) throw new UsageError('give --in files or --site, not both');
}

/** The fidelity report of case files (read here, nothing stored) or of the stored cases of a site (every site without one). */
async function score(command: 'fidelity' | 'compare', opts: Source, asOf: string | undefined, databaseUrl: string | undefined): Promise<FidelityReport> {
  const options = { asOf, groupBy: opts.groupBy as GroupBy };
  try {
    if (opts.in.length) {
      for (const file of opts.in) checkReadable(file);
      const files = await import('../file-fidelity');
      try {
        return await files.fidelityOfFiles(opts.in, options);
      } catch (e) {
        if (e instanceof files.InvalidFileError) throw new ProblemsError(e.file, 'not a valid sofs-casefile/1 file', e.problems);
        throw e;
      }
    }
    const [{ StoredFidelityService }, { AccessLogService, commandLineActor }] = await Promise.all([import('@mapwork/casefile'), import('@mapwork/auth')]);
    return await withContext(databaseUrl, (ctx) =>
      ctx.get(AccessLogService).event({ event: `report.${command}`, userId: commandLineActor() }, () => ctx.get(StoredFidelityService).report({ site: opts.site }, options), { route: `mapwork ${command}` }),
    );
  } catch (e) {
    if (e instanceof InvalidAsOfError) throw new UsageError(e.message, e);
    throw e;
  }
}

/** fidelity and compare: reports of case files or of stored cases. */
export function registerFidelityCommands(program: Command, globals: Globals): void {
  const db = () => globals().databaseUrl;

  program
    .command('fidelity')
    .description('fidelity report (docs/fidelity.md): of case files (--in, nothing stored) or of stored cases (--site, or every site)')
    .option('--in <file>', 'score this case file (repeatable)', repeatable, [] as string[])
    .option('--site <code>', 'score the stored cases of one site')
    .option('--as-of <instant>', "as the records stood at this instant (default: the file's exportedAt, or now)")
    .option('--group-by <key>', `group by ${GROUP_BY.join(' | ')}`, 'site')
    .option('--format <format>', FORMATS.join(' | '), 'table')
    .option('--out <file>', 'write here (csv: FILE and FILE with .groups before its extension)')
    .action(async (opts: Source & { asOf?: string; out?: string }) => {
      checkSource(opts);
      const report = await score('fidelity', opts, opts.asOf, db());
      await writeReport(report, opts.format, opts.out);
    });

  program
    .command('compare')
    .description('compare fidelity between groups (Fisher / chi-square), or the same cases at two instants (--vs-as-of: McNemar)')
    .option('--in <file>', 'case file to include (repeatable)', repeatable, [] as string[])
    .option('--site <code>', 'stored cases of one site (default with no --in: every site)')
    .option('--as-of <instant>', "as the records stood at this instant (default: the first file's exportedAt, or now)")
    .option('--vs-as-of <instant>', 'compare the same cases at --as-of (T1) and at this instant (T3)')
    .option('--group-by <key>', GROUP_BY.join(' | '), 'site')
    .option('--format <format>', FORMATS.join(' | '), 'table')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (opts: Source & { asOf?: string; vsAsOf?: string; out?: string }) => {
      checkSource(opts);
      if (opts.vsAsOf !== undefined && !isInstant(opts.vsAsOf)) throw new UsageError(`--vs-as-of must be a UTC instant, not ${opts.vsAsOf}`);
      const [{ compareGroups, compareInstants }, render, tables] = await Promise.all([import('@mapwork/fidelity/compare'), import('@mapwork/fidelity/render'), import('../text-tables')]);
      const first = await score('compare', opts, opts.asOf, db());
      const text = opts.vsAsOf
        ? formatted(compareInstants(first, await score('compare', opts, opts.vsAsOf, db())), opts.format, { table: tables.changeTable, csv: render.changeComparisonToCsv, html: render.changeComparisonToHtml })
        : formatted(compareGroups(first), opts.format, { table: tables.groupTable, csv: render.groupComparisonToCsv, html: render.groupComparisonToHtml });
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}

/** JSON keeps every digit; the table, CSV and HTML round for people. */
function formatted<T>(value: T, format: string, renderers: Record<'table' | 'csv' | 'html', (value: T) => string>): string {
  return format === 'json' ? JSON.stringify(value, null, 2) + '\n' : renderers[format as 'table' | 'csv' | 'html'](value);
}

async function writeReport(report: FidelityReport, format: string, out?: string) {
  const [render, tables] = await Promise.all([import('@mapwork/fidelity/render'), import('../text-tables')]);
  if (format === 'csv' && out) {
    const { cases, groups } = render.reportToCsv(report);
    writeFileSync(out, cases);
    writeFileSync(out.replace(/(\.[^./]+)?$/, '.groups$1'), groups);
    return;
  }
  const text = formatted(report, format, { table: tables.reportToTable, csv: render.reportToCsvText, html: (r) => render.reportToHtml(r) });
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
