import { createWriteStream, openSync } from 'node:fs';
import { Command } from 'commander';
import { InvalidInputError } from '@mapwork/kernel/errors';
import { isInstant } from '@mapwork/kernel/time';
import { EXIT, Globals, ProblemsError, UsageError, checkReadable, noteFailure, withContext } from '../support';

/** migrate, import, export: the database and the interchange format. */
export function registerRecordCommands(program: Command, globals: Globals): void {
  const db = () => globals().databaseUrl;

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
      const [{ CaseFileImportService }, { commandLineActor }] = await Promise.all([import('@mapwork/casefile'), import('@mapwork/auth')]);
      await withContext(db(), async (ctx) => {
        for (const path of files) {
          try {
            checkReadable(path);
            const s = await ctx.get(CaseFileImportService).import({ path }, { id: commandLineActor(), role: 'admin' });
            process.stdout.write(
              `${path}: site ${s.site}${s.siteCreated ? ' (new)' : ''}: ${s.cases.created} cases created, ${s.cases.merged} merged, ${s.cases.unchanged} unchanged; ` +
                `${s.revisions.added} revisions added, ${s.revisions.alreadyStored} already stored\n`,
            );
          } catch (e) {
            noteFailure(e instanceof InvalidInputError ? new ProblemsError(path, 'rejected, nothing stored', e.problems) : e, globals());
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
      const { CaseFileExportService, readKeyFile } = await import('@mapwork/casefile');
      let key: Buffer | undefined;
      if (opts.pseudonymise) {
        checkReadable(opts.keyFile!);
        try {
          key = readKeyFile(opts.keyFile!);
        } catch (e) {
          throw new UsageError((e as Error).message, e);
        }
      }
      await withContext(db(), async (ctx) => {
        // opened before anything is written, so a path that cannot be written fails as one line
        const out = opts.out ? createWriteStream(opts.out, { fd: openSync(opts.out, 'w') }) : process.stdout;
        const { cases } = await ctx.get(CaseFileExportService).write(opts.site, { asOf: opts.asOf, pseudonymiseWith: key }, (chunk) => {
          if (!out.write(chunk)) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
        });
        if (opts.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
        if (opts.out) process.stderr.write(`${cases} cases written to ${opts.out}\n`);
      });
    });
}
