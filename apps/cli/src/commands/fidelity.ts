import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { AccessLogService, commandLineActor } from '@mapwork/auth';
import { StoredFidelityService } from '@mapwork/casefile';
import {
  FidelityReport,
  GROUP_BY,
  GroupBy,
  InvalidAsOfError,
  changeComparisonToCsv,
  changeComparisonToHtml,
  compareGroups,
  compareInstants,
  groupComparisonToCsv,
  groupComparisonToHtml,
  reportToCsv,
  reportToCsvText,
  reportToHtml,
} from '@mapwork/fidelity';
import { isInstant } from '@mapwork/kernel';
import { InvalidFileError, fidelityOfFiles } from '../file-fidelity';
import { DatabaseUrl, EXIT, UsageError, printProblems, repeatable, withContext } from '../support';
import { changeTable, groupTable, reportToTable } from '../text-tables';

/** fidelity and compare: reports of case files or of stored cases. */
export function registerFidelityCommands(program: Command, db: DatabaseUrl): void {
  program
    .command('fidelity')
    .description('fidelity report (fidelity.md): of case files (--in, nothing stored) or of stored cases (--site, or every site)')
    .option('--in <file>', 'score this case file (repeatable)', repeatable, [] as string[])
    .option('--site <code>', 'score the stored cases of one site')
    .option('--as-of <instant>', "as the records stood at this instant (default: the file's exportedAt, or now)")
    .option('--group-by <key>', `group by ${GROUP_BY.join(' | ')}`, 'site')
    .option('--format <format>', 'table | json | csv | html', 'table')
    .option('--out <file>', 'write here (csv: FILE and FILE with .groups before its extension)')
    .action(async (opts: { in: string[]; site?: string; asOf?: string; groupBy: string; format: string; out?: string }) => {
      if (!(GROUP_BY as readonly string[]).includes(opts.groupBy)) throw new UsageError(`--group-by must be one of ${GROUP_BY.join(', ')}`);
      if (!['table', 'json', 'csv', 'html'].includes(opts.format)) throw new UsageError('--format must be table, json, csv or html');
      if (opts.in.length && opts.site) throw new UsageError('give --in files or --site, not both');
      const options = { asOf: opts.asOf, groupBy: opts.groupBy as GroupBy };
      let report: FidelityReport;
      try {
        report = opts.in.length
          ? await fidelityOfFiles(opts.in, options)
          : await withContext(db(), (ctx) =>
              ctx.get(AccessLogService).event({ event: 'report.fidelity', userId: commandLineActor() }, () => ctx.get(StoredFidelityService).report({ site: opts.site }, options), { route: 'mapwork fidelity' }),
            );
      } catch (e) {
        if (e instanceof InvalidAsOfError) throw new UsageError(e.message);
        if (e instanceof InvalidFileError) {
          printProblems(e.file, e.problems);
          process.exitCode = EXIT.problems;
          return;
        }
        throw e;
      }
      writeReport(report, opts.format, opts.out);
    });

  program
    .command('compare')
    .description('compare fidelity between groups (Fisher / chi-square), or the same cases at two instants (--vs-as-of: McNemar)')
    .option('--in <file>', 'case file to include (repeatable)', repeatable, [] as string[])
    .option('--site <code>', 'stored cases of one site (default with no --in: every site)')
    .option('--as-of <instant>', "as the records stood at this instant (default: the first file's exportedAt, or now)")
    .option('--vs-as-of <instant>', 'compare the same cases at --as-of (T1) and at this instant (T3)')
    .option('--group-by <key>', 'site | team | worker', 'site')
    .option('--format <format>', 'table | json | csv | html', 'table')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (opts: { in: string[]; site?: string; asOf?: string; vsAsOf?: string; groupBy: string; format: string; out?: string }) => {
      if (!(GROUP_BY as readonly string[]).includes(opts.groupBy)) throw new UsageError(`--group-by must be one of ${GROUP_BY.join(', ')}`);
      if (!['table', 'json', 'csv', 'html'].includes(opts.format)) throw new UsageError('--format must be table, json, csv or html');
      if (opts.in.length && opts.site) throw new UsageError('give --in files or --site, not both');
      if (opts.vsAsOf !== undefined && !isInstant(opts.vsAsOf)) throw new UsageError(`--vs-as-of must be a UTC instant, not ${opts.vsAsOf}`);
      const score = (asOf?: string) =>
        opts.in.length
          ? fidelityOfFiles(opts.in, { asOf, groupBy: opts.groupBy as GroupBy })
          : withContext(db(), (ctx) =>
              ctx.get(AccessLogService).event(
                { event: 'report.compare', userId: commandLineActor() },
                () => ctx.get(StoredFidelityService).report({ site: opts.site }, { asOf, groupBy: opts.groupBy as GroupBy }),
                { route: 'mapwork compare' },
              ),
            );
      let text: string;
      try {
        const first = await score(opts.asOf);
        if (opts.vsAsOf) {
          const change = compareInstants(first, await score(opts.vsAsOf));
          text = opts.format === 'json' ? JSON.stringify(change, null, 2) + '\n' : opts.format === 'csv' ? changeComparisonToCsv(change) : opts.format === 'html' ? changeComparisonToHtml(change) : changeTable(change);
        } else {
          const groups = compareGroups(first);
          text = opts.format === 'json' ? JSON.stringify(groups, null, 2) + '\n' : opts.format === 'csv' ? groupComparisonToCsv(groups) : opts.format === 'html' ? groupComparisonToHtml(groups) : groupTable(groups);
        }
      } catch (e) {
        if (e instanceof InvalidAsOfError) throw new UsageError(e.message);
        if (e instanceof InvalidFileError) {
          printProblems(e.file, e.problems);
          process.exitCode = EXIT.problems;
          return;
        }
        throw e;
      }
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });

}

function writeReport(report: FidelityReport, format: string, out?: string) {
  if (format === 'csv' && out) {
    const { cases, groups } = reportToCsv(report);
    writeFileSync(out, cases);
    writeFileSync(out.replace(/(\.[^./]+)?$/, '.groups$1'), groups);
    return;
  }
  const text =
    format === 'json' ? JSON.stringify(report, null, 2) + '\n' : format === 'csv' ? reportToCsvText(report) : format === 'html' ? reportToHtml(report) : reportToTable(report);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

