import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeORMError } from 'typeorm';
import { ConfigurationError, validateEnvironment } from '@mapwork/kernel';
import { IntegrityKeyMissingError } from '@mapwork/persistence';
import { CliModule } from './cli.module';
import { DatabaseError, UsageError } from './support';

/*
 * The application as the database commands need it. Loaded only by `withContext` in
 * ./support, so commands that read files never start NestJS or TypeORM.
 */

/** The URL as it may be shown: a PostgreSQL password never reaches the terminal. */
function shown(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.protocol === 'sqlite:' ? databaseUrl : url.toString();
  } catch {
    return databaseUrl;
  }
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Errors of TypeORM, of the SQLite and PostgreSQL drivers, and of reaching the server. */
function fromDatabase(e: unknown): boolean {
  if (e instanceof TypeORMError) return true;
  const x = e as { name?: unknown; code?: unknown; severity?: unknown };
  return x?.name === 'SqliteError' || typeof x?.severity === 'string' || (typeof x?.code === 'string' && NETWORK.has(x.code));
}

export async function runWithContext<T>(databaseUrl: string | undefined, work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const settings: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : {};
  let url: string;
  try {
    url = validateEnvironment({ ...process.env, ...settings }).DATABASE_URL;
  } catch (e) {
    if (e instanceof ConfigurationError) throw new UsageError(`the configuration is wrong: ${e.problems.join('; ')}`);
    throw e;
  }
  let ctx: INestApplicationContext;
  try {
    ctx = await NestFactory.createApplicationContext(CliModule.forRoot(settings), { logger: false, abortOnError: false });
  } catch (e) {
    if (e instanceof IntegrityKeyMissingError) throw new UsageError(e.message, e);
    // opening is connecting and migrating: whatever fails here, the database could not be used
    throw new DatabaseError(`database ${shown(url)}: cannot open it: ${(e as Error).message}`, e);
  }
  try {
    return await work(ctx);
  } catch (e) {
    if (fromDatabase(e)) throw new DatabaseError(`database ${shown(url)}: ${(e as Error).message}`, e);
    throw e;
  } finally {
    await ctx.close();
  }
}
