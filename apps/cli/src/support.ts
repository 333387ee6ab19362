import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';

/** Exit codes: 0 done, 1 the check found problems, 2 bad usage or configuration. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** A mistake in how the command was called: exit 2 with the message. */
export class UsageError extends Error {}

/** The `--database-url` the command was given, if any. */
export type DatabaseUrl = () => string | undefined;

/** Runs work with the application's services on the configured database, then closes it. */
export async function withContext<T>(databaseUrl: string | undefined, work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), { logger: false, abortOnError: false });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

export function printProblems(file: string, problems: { pointer: string; rule: string; message: string }[]) {
  process.stderr.write(`${file}: rejected, nothing stored (${problems.length} problems)\n`);
  for (const p of problems.slice(0, 100)) process.stderr.write(`  ${p.pointer || '/'}  [${p.rule}]  ${p.message}\n`);
  if (problems.length > 100) process.stderr.write(`  … and ${problems.length - 100} more\n`);
}

/** For options given more than once (`--in A --in B`). */
export const repeatable = (value: string, previous: string[]) => [...previous, value];
