import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, CommanderError } from 'commander';
import { createWriteStream, writeFileSync } from 'node:fs';
import { CaseFileExportService, CaseFileImportService, StoredFidelityService, readKeyFile } from '@mapwork/casefile';
import {
  ChangeComparison,
  FidelityReport,
  GROUP_BY,
  GroupBy,
  GroupComparison,

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
import { Clock, InvalidInputError, isInstant } from '@mapwork/kernel';
import { IntegrityService } from '@mapwork/revisions';
import { AgreementReport, InstrumentDefinition, InstrumentsService, RESPONDENT_KINDS, RespondentKind, ScoringSheetsService, TIME_POINTS, TimePoint } from '@mapwork/evaluation';
import { readFileSync } from 'node:fs';
import { CliModule } from './cli.module';
import { InvalidFileError, fidelityOfFiles } from './file-fidelity';
import { reportToTable } from './table';

/** Exit codes: 0 done, 1 the check found problems, 2 bad usage or configuration. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

async function withContext<T>(databaseUrl: string | undefined, work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), { logger: false, abortOnError: false });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('mapwork')
    .description('mapwork: Signs of Safety case records with revision history, and the tools around them')
    .option('--database-url <url>', 'database to use (default: $DATABASE_URL or sqlite:./data/mapwork.db)')
    .exitOverride();

  program
    .command('verify')
    .description('walk every revision chain and report the first broken link of each (exit 1 if any)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const report = await withContext(program.opts().databaseUrl, (ctx) => ctx.get(IntegrityService).verify(ctx.get(Clock).now()));
      if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else {
        process.stdout.write(`checked ${report.revisions} revisions in ${report.chains} chains: ${report.ok ? 'all intact' : `${report.broken.length} broken`}\n`);
        for (const b of report.broken) {
          process.stdout.write(`  BROKEN ${b.entityType} ${b.entityId} of case ${b.caseId} at version ${b.version}: ${b.problem} (${b.detail})\n`);
        }
      }
      process.exitCode = report.ok ? EXIT.ok : EXIT.problems;
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      await withContext(program.opts().databaseUrl, async () => undefined);
      process.stdout.write('migrations applied\n');
    });

  program
    .command('import')
    .description('import sofs-casefile/1 files into the database (one transaction per file; a file that breaks any rule is rejected whole)')
    .argument('<files...>', 'case files')
    .action(async (files: string[]) => {
      await withContext(program.opts().databaseUrl, async (ctx) => {
        for (const path of files) {
          try {
            const s = await ctx.get(CaseFileImportService).import({ path }, { id: 'cli', role: 'admin' });
            process.stdout.write(
              `${path}: site ${s.site}${s.siteCreated ? ' (new)' : ''}: ${s.cases.created} cases created, ${s.cases.merged} merged, ${s.cases.unchanged} unchanged; ` +
                `${s.revisions.added} revisions added, ${s.revisions.alreadyStored} already stored\n`,
            );
          } catch (e) {
            if (!(e instanceof InvalidInputError)) throw e;
            printProblems(path, e.problems);
            process.exitCode = EXIT.problems;
          }
        }
      });
    });

  program
    .command('export')
    .description('write a site as a sofs-casefile/1 file')
    .requiredOption('--site <code>', 'site to export')
    .option('--as-of <instant>', "the file's exportedAt (default now); every revision is written")
    .option('--pseudonymise', 'consented cases only, names removed, ids keyed pseudonyms (needs --key-file)')
    .option('--key-file <file>', 'the site key for pseudonyms (base64 or hex, at least 16 bytes)')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (opts: { site: string; asOf?: string; pseudonymise?: boolean; keyFile?: string; out?: string }) => {
      if (opts.asOf !== undefined && !isInstant(opts.asOf)) throw new UsageError(`--as-of must be a UTC instant like 2020-03-31T12:00:00Z, not ${opts.asOf}`);
      if (opts.pseudonymise && !opts.keyFile) throw new UsageError('--pseudonymise needs --key-file');
      const key = opts.pseudonymise ? readKeyFile(opts.keyFile!) : undefined;
      await withContext(program.opts().databaseUrl, async (ctx) => {
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        const { cases } = await ctx.get(CaseFileExportService).write(opts.site, { asOf: opts.asOf, pseudonymiseWith: key }, (chunk) => {
          if (!out.write(chunk)) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
        });
        if (opts.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
        if (opts.out) process.stderr.write(`${cases} cases written to ${opts.out}\n`);
      });
    });

  program
    .command('fidelity')
    .description('fidelity report (fidelity.md): of case files (--in, nothing stored) or of stored cases (--site, or every site)')
    .option('--in <file>', 'score this case file (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
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
          : await withContext(program.opts().databaseUrl, (ctx) => ctx.get(StoredFidelityService).report({ site: opts.site }, options));
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
    .option('--in <file>', 'case file to include (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
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
          : withContext(program.opts().databaseUrl, (ctx) => ctx.get(StoredFidelityService).report({ site: opts.site }, { asOf, groupBy: opts.groupBy as GroupBy }));
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

  program
    .command('agreement')
    .description("agreement per indicator between evaluators' scoring sheets, and with the computed indicators (Cohen's kappa)")
    .requiredOption('--site <code>', 'site whose consented cases were scored')
    .requiredOption('--rater <userId>', 'evaluator (give twice to compare two evaluators)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--as-of <instant>', 'the computed indicators as the records stood at this instant (default now)')
    .option('--format <format>', 'table | json', 'table')
    .action(async (opts: { site: string; rater: string[]; asOf?: string; format: string }) => {
      if (opts.rater.length < 1 || opts.rater.length > 2) throw new UsageError('give --rater once or twice');
      if (opts.asOf !== undefined && !isInstant(opts.asOf)) throw new UsageError(`--as-of must be a UTC instant, not ${opts.asOf}`);
      const report = await withContext(program.opts().databaseUrl, (ctx) => ctx.get(ScoringSheetsService).agreement(opts.site, opts.asOf, opts.rater));
      process.stdout.write(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : agreementTable(report));
    });

  const instrument = program.command('instrument').description('standardised instruments: load definitions and report their scores');
  instrument
    .command('load')
    .description('load instrument definitions (JSON files)')
    .argument('<files...>')
    .action(async (files: string[]) => {
      await withContext(program.opts().databaseUrl, async (ctx) => {
        for (const f of files) {
          try {
            const d = await ctx.get(InstrumentsService).load(JSON.parse(readFileSync(f, 'utf8')) as InstrumentDefinition, 'cli');
            process.stdout.write(`${f}: loaded ${d.id} (${d.items.length} items, ${d.subscales.length} subscales)\n`);
          } catch (e) {
            if (!(e instanceof InvalidInputError)) throw e;
            printProblems(f, e.problems);
            process.exitCode = EXIT.problems;
          }
        }
      });
    });
  instrument
    .command('report')
    .description('responses | scores | t-scores | element-use | expected | compare-kinds, as JSON')
    .argument('<id>', 'instrument id')
    .argument('<report>', 'responses | scores | t-scores | element-use | expected | compare-kinds')
    .option('--site <code>')
    .option('--time-point <T>', TIME_POINTS.join(' | '))
    .option('--frame <frame>')
    .option('--kind <kind>', `respondent kind: ${RESPONDENT_KINDS.join(' | ')}`)
    .option('--group-by <keys>', 'scores: comma-separated site,respondentKind,timePoint,frame', 'site,timePoint')
    .option('--threshold <n>', 'element-use: an answer at or above this counts as using', '1')
    .option('--headcount <list>', 'element-use: P1:62,P7:290')
    .option('--vs <kinds>', 'compare-kinds: two kinds, e.g. social_worker,parent')
    .option('--expected <when>', 'expected: T1:hoped_for', 'T1:hoped_for')
    .option('--actual <when>', 'expected: T3:now', 'T3:now')
    .action(async (id: string, report: string, o: Record<string, string | undefined>) => {
      if (o.timePoint && !(TIME_POINTS as readonly string[]).includes(o.timePoint)) throw new UsageError(`--time-point must be one of ${TIME_POINTS.join(', ')}`);
      if (o.kind && !(RESPONDENT_KINDS as readonly string[]).includes(o.kind)) throw new UsageError(`--kind must be one of ${RESPONDENT_KINDS.join(', ')}`);
      const filter = { site: o.site, timePoint: o.timePoint as TimePoint | undefined, frame: o.frame, respondentKind: o.kind as RespondentKind | undefined };
      const when = (w: string) => {
        const [timePoint, frame] = w.split(':');
        if (!(TIME_POINTS as readonly string[]).includes(timePoint) || !frame) throw new UsageError(`expected something like T1:hoped_for, not ${w}`);
        return { timePoint: timePoint as TimePoint, frame };
      };
      const result = await withContext(program.opts().databaseUrl, async (ctx) => {
        const s = ctx.get(InstrumentsService);
        switch (report) {
          case 'responses':
            return s.scoredResponses(id, filter);
          case 'scores':
            return s.scores(id, filter, (o.groupBy ?? 'site,timePoint').split(',') as never);
          case 't-scores':
            return s.tScores(id, filter);
          case 'element-use': {
            const heads = Object.fromEntries((o.headcount ? o.headcount.split(',') : []).map((p) => p.split(':')).map(([k, v]) => [k, Number(v)]));
            return s.elementUse(id, filter, Number(o.threshold ?? 1), heads);
          }
          case 'expected':
            return s.expectedVsActual(id, o.site, when(o.expected!), when(o.actual!));
          case 'compare-kinds': {
            const kinds = (o.vs ?? '').split(',');
            if (kinds.length !== 2 || kinds.some((k) => !(RESPONDENT_KINDS as readonly string[]).includes(k))) throw new UsageError('--vs needs two respondent kinds, e.g. social_worker,parent');
            return s.compareKinds(id, filter, kinds[0] as RespondentKind, kinds[1] as RespondentKind);
          }
          default:
            throw new UsageError(`unknown report ${report}: responses, scores, t-scores, element-use, expected or compare-kinds`);
        }
      });
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    });

  return program;
}

function agreementTable(a: AgreementReport): string {
  const k = (f: { n: number; observed: number | null; kappa: number | null } | undefined) => (f && f.n ? `${f.n}: ${r3(f.observed)} / κ ${f.kappa === null ? 'n/a' : r3(f.kappa)}` : 'n/a');
  const head = ['indicator', ...(a.raters.length === 2 ? ['between raters'] : []), ...a.raters.map((r) => `${r.slice(0, 8)} vs computed`)];
  return (
    `agreement (cases: observed / kappa), computed as at ${a.asOf}\n` +
    table(head, a.indicators.map((i) => [i.indicator, ...(a.raters.length === 2 ? [k(i.betweenRaters)] : []), ...i.withComputed.map(k)]))
  );
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

const r3 = (v: number | null | undefined) => (v === null || v === undefined ? '' : v.toFixed(3));

function groupTable(c: GroupComparison): string {
  const keys = c.indicators[0]?.groups.map((g) => g.key ?? '(none)') ?? [];
  return (
    `fidelity compared by ${c.groupBy}, as at ${c.asOf}\n` +
    table(
      ['indicator', ...keys, 'p', 'difference (95% CI)'],
      c.indicators.map((i) => [
        i.indicator,
        ...i.groups.map((g) => (g.applicable ? `${g.met}/${g.applicable}` : 'n/a')),
        i.comparison ? `${r3(i.comparison.p)}${i.comparison.test === 'chi_square' ? ' (χ²)' : ''}` : 'n/a',
        i.comparison?.test === 'fisher_exact' ? `${r3(i.comparison.difference)} (${r3(i.comparison.ci95[0])} to ${r3(i.comparison.ci95[1])})` : '',
      ]),
    )
  );
}

function changeTable(c: ChangeComparison): string {
  return (
    `the same ${c.cases} cases at ${c.asOf} and ${c.vsAsOf}\n` +
    table(
      ['indicator', 'before', 'after', 'change', 'lost', 'gained', 'McNemar p'],
      c.indicators.map((i) => [i.indicator, i.paired ? `${i.metBefore}/${i.paired}` : 'n/a', i.paired ? `${i.metAfter}/${i.paired}` : 'n/a', r3(i.change), String(i.lost), String(i.gained), r3(i.p)]),
    )
  );
}


class UsageError extends Error {}

function printProblems(file: string, problems: { pointer: string; rule: string; message: string }[]) {
  process.stderr.write(`${file}: rejected, nothing stored (${problems.length} problems)\n`);
  for (const p of problems.slice(0, 100)) process.stderr.write(`  ${p.pointer || '/'}  [${p.rule}]  ${p.message}\n`);
  if (problems.length > 100) process.stderr.write(`  … and ${problems.length - 100} more\n`);
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

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      process.stderr.write(`mapwork: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`mapwork: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
