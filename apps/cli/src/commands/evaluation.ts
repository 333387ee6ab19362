import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { RESPONDENT_KINDS, RespondentKind, TIME_POINTS, TimePoint } from '@mapwork/evaluation/instruments';
import { InvalidInputError } from '@mapwork/kernel/errors';
import { isInstant } from '@mapwork/kernel/time';
import { Globals, ProblemsError, UsageError, checkReadable, noteFailure, repeatable, withContext } from '../support';

export const INSTRUMENT_REPORTS = ['responses', 'scores', 't-scores', 'element-use', 'expected', 'compare-kinds'] as const;
export type InstrumentReportName = (typeof INSTRUMENT_REPORTS)[number];
const REPORT_FORMATS = ['table', 'json', 'csv'];

/** A JSON file's content, or a one-line failure naming the file. */
function readJson(file: string): unknown {
  checkReadable(file);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new ProblemsError(file, 'not valid JSON', [{ pointer: '', rule: 'json', message: `the file is not valid JSON: ${e.message}` }]);
  }
}

/** agreement and instrument: the evaluator toolkit. */
export function registerEvaluationCommands(program: Command, globals: Globals): void {
  const db = () => globals().databaseUrl;

  program
    .command('agreement')
    .description("agreement per indicator between evaluators' scoring sheets, and with the computed indicators (Cohen's kappa)")
    .requiredOption('--site <code>', 'site whose consented cases were scored')
    .requiredOption('--rater <userId>', 'evaluator (give twice to compare two evaluators)', repeatable, [] as string[])
    .option('--as-of <instant>', 'the computed indicators as the records stood at this instant (default now)')
    .option('--format <format>', 'table | json', 'table')
    .action(async (opts: { site: string; rater: string[]; asOf?: string; format: string }) => {
      if (opts.rater.length < 1 || opts.rater.length > 2) throw new UsageError('give --rater once or twice');
      if (opts.asOf !== undefined && !isInstant(opts.asOf)) throw new UsageError(`--as-of must be a UTC instant, not ${opts.asOf}`);
      if (!['table', 'json'].includes(opts.format)) throw new UsageError('--format must be table or json');
      const [{ ScoringSheetsService }, { AccessLogService, commandLineActor }, { agreementTable }] = await Promise.all([import('@mapwork/evaluation'), import('@mapwork/auth'), import('../text-tables')]);
      const report = await withContext(db(), (ctx) =>
        ctx.get(AccessLogService).event({ event: 'evaluation.agreement', userId: commandLineActor() }, () => ctx.get(ScoringSheetsService).agreement(opts.site, opts.asOf, opts.rater), { route: 'mapwork agreement' }),
      );
      process.stdout.write(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : agreementTable(report));
    });

  const instrument = program.command('instrument').description('standardised instruments: load definitions and report their scores');
  instrument
    .command('load')
    .description('load instrument definitions (JSON files)')
    .argument('<files...>')
    .action(async (files: string[]) => {
      const { InstrumentsService } = await import('@mapwork/evaluation');
      await withContext(db(), async (ctx) => {
        for (const f of files) {
          try {
            const d = await ctx.get(InstrumentsService).load(readJson(f) as never, 'cli');
            process.stdout.write(`${f}: loaded ${d.id} (${d.items.length} items, ${d.subscales.length} subscales)\n`);
          } catch (e) {
            noteFailure(e instanceof InvalidInputError ? new ProblemsError(f, 'rejected, nothing stored', e.problems) : e, globals());
          }
        }
      });
    });
  instrument
    .command('report')
    .description(`an instrument's ${INSTRUMENT_REPORTS.join(' | ')} report, as a table, JSON or CSV`)
    .argument('<id>', 'instrument id')
    .argument('<report>', INSTRUMENT_REPORTS.join(' | '))
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
    .option('--format <format>', `${REPORT_FORMATS.join(' | ')} (JSON unrounded; the table and CSV round to 3 decimals)`, 'table')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (id: string, report: string, o: Record<string, string | undefined>) => {
      if (!(INSTRUMENT_REPORTS as readonly string[]).includes(report)) throw new UsageError(`unknown report ${report}: ${INSTRUMENT_REPORTS.join(', ')}`);
      if (!REPORT_FORMATS.includes(o.format!)) throw new UsageError(`--format must be ${REPORT_FORMATS.join(', ')}`);
      if (o.timePoint && !(TIME_POINTS as readonly string[]).includes(o.timePoint)) throw new UsageError(`--time-point must be one of ${TIME_POINTS.join(', ')}`);
      if (o.kind && !(RESPONDENT_KINDS as readonly string[]).includes(o.kind)) throw new UsageError(`--kind must be one of ${RESPONDENT_KINDS.join(', ')}`);
      const filter = { site: o.site, timePoint: o.timePoint as TimePoint | undefined, frame: o.frame, respondentKind: o.kind as RespondentKind | undefined };
      const when = (w: string) => {
        const [timePoint, frame] = w.split(':');
        if (!(TIME_POINTS as readonly string[]).includes(timePoint) || !frame) throw new UsageError(`expected something like T1:hoped_for, not ${w}`);
        return { timePoint: timePoint as TimePoint, frame };
      };
      const kinds = (o.vs ?? '').split(',');
      if (report === 'compare-kinds' && (kinds.length !== 2 || kinds.some((k) => !(RESPONDENT_KINDS as readonly string[]).includes(k)))) {
        throw new UsageError('--vs needs two respondent kinds, e.g. social_worker,parent');
      }
      const threshold = Number(o.threshold);
      if (!Number.isFinite(threshold)) throw new UsageError(`--threshold must be a number, not ${o.threshold}`);
      const headcount = Object.fromEntries((o.headcount ? o.headcount.split(',') : []).map((p) => p.split(':')).map(([k, v]) => [k, Number(v)]));
      const [{ InstrumentsService }, { instrumentTable }, { tabularToCsv, tabularToText }] = await Promise.all([
        import('@mapwork/evaluation'),
        import('../instrument-tables'),
        import('../text-tables'),
      ]);
      const name = report as InstrumentReportName;
      const result = await withContext(db(), async (ctx) => {
        const s = ctx.get(InstrumentsService);
        switch (name) {
          case 'responses':
            return s.scoredResponses(id, filter);
          case 'scores':
            return s.scores(id, filter, o.groupBy!.split(',') as never);
          case 't-scores':
            return s.tScores(id, filter);
          case 'element-use':
            return s.elementUse(id, filter, threshold, headcount);
          case 'expected':
            return s.expectedVsActual(id, o.site, when(o.expected!), when(o.actual!));
          case 'compare-kinds':
            return s.compareKinds(id, filter, kinds[0] as RespondentKind, kinds[1] as RespondentKind);
        }
      });
      const text =
        o.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : (o.format === 'csv' ? tabularToCsv : tabularToText)(instrumentTable(name, result as never));
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    });
}
