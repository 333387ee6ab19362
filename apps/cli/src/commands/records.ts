import { createWriteStream } from 'node:fs';
import { Command } from 'commander';
import { CaseFileExportService, CaseFileImportService } from '@mapwork/casefile';
import { Clock, InvalidInputError, isInstant, readKeyFile } from '@mapwork/kernel';
import { IntegrityService } from '@mapwork/revisions';
import { DatabaseUrl, EXIT, UsageError, printProblems, withContext } from '../support';

/** verify, migrate, import, export: the database and the interchange format. */
export function registerRecordCommands(program: Command, db: DatabaseUrl): void {
  program
    .command('verify')
    .description('walk every revision chain and report the first broken link of each (exit 1 if any)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const report = await withContext(db(), (ctx) => ctx.get(IntegrityService).verify(ctx.get(Clock).now()));
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
      await withContext(db(), async () => undefined);
      process.stdout.write('migrations applied\n');
    });

  program
    .command('import')
    .description('import sofs-casefile/1 files into the database (one transaction per file; a file that breaks any rule is rejected whole)')
    .argument('<files...>', 'case files')
    .action(async (files: string[]) => {
      await withContext(db(), async (ctx) => {
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
      await withContext(db(), async (ctx) => {
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        const { cases } = await ctx.get(CaseFileExportService).write(opts.site, { asOf: opts.asOf, pseudonymiseWith: key }, (chunk) => {
          if (!out.write(chunk)) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
        });
        if (opts.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
        if (opts.out) process.stderr.write(`${cases} cases written to ${opts.out}\n`);
      });
    });

}
