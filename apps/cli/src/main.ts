import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, CommanderError } from 'commander';
import { Clock } from '@mapwork/kernel';
import { IntegrityService } from '@mapwork/revisions';
import { CliModule } from './cli.module';

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

  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    process.stderr.write(`mapwork: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
