import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { InstrumentDefinition, InstrumentsService, RESPONDENT_KINDS, RespondentKind, ScoringSheetsService, TIME_POINTS, TimePoint } from '@mapwork/evaluation';
import { AccessLogService, commandLineActor } from '@mapwork/auth';
import { InvalidInputError, isInstant } from '@mapwork/kernel';
import { DatabaseUrl, EXIT, UsageError, printProblems, repeatable, withContext } from '../support';
import { agreementTable } from '../text-tables';

/** agreement and instrument: the evaluator toolkit. */
export function registerEvaluationCommands(program: Command, db: DatabaseUrl): void {
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
      await withContext(db(), async (ctx) => {
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
      const result = await withContext(db(), async (ctx) => {
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

}
