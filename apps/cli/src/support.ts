import { closeSync, fstatSync, openSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { DomainError, FieldProblem, InvalidInputError } from '@mapwork/kernel/errors';

/*
 * What every command shares: exit codes, how a failure becomes one line on standard
 * error, and the way into the database. This module loads nothing heavy: NestJS and
 * TypeORM come in (through ./context) only when a command opens the database.
 */

/** Exit codes, as `mapwork --help` and the README list them. */
export const EXIT = {
  /** done */
  ok: 0,
  /** the input was read and has problems: a rejected case file or definition, invalid JSON, a broken revision chain */
  problems: 1,
  /** the command could not run as asked: unknown command or option, a bad option value or setting, a file that cannot be read or written */
  usage: 2,
  /** the database could not be opened, migrated or queried */
  database: 3,
  /** something went wrong inside mapwork (MAPWORK_DEBUG=1 shows where) */
  internal: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  the input has problems: a case file or definition rejected, invalid JSON, a broken revision chain
  2  the command could not run as asked: bad command, option or setting, a file that cannot be read or written
  3  the database could not be opened, migrated or queried
  4  an internal error (MAPWORK_DEBUG=1 prints where it happened)

Environment:
  DATABASE_URL   the database when --database-url is not given (default sqlite:./data/mapwork.db)
  MAPWORK_DEBUG  1 to print the stack trace of an error after its one-line message
`;

/** A failure reported as one line, `mapwork: <message>`, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = new.target.name;
  }
}

/** A mistake in how the command was called: exit 2. */
export class UsageError extends CliError {
  constructor(message: string, cause?: unknown) {
    super(message, EXIT.usage, cause);
  }
}

/** The database could not be used: exit 3. */
export class DatabaseError extends CliError {
  constructor(message: string, cause?: unknown) {
    super(message, EXIT.database, cause);
  }
}

/** A file was read and breaks rules: exit 1, the first few problems in the line, every one with --all-problems. */
export class ProblemsError extends CliError {
  constructor(
    readonly file: string,
    readonly verdict: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${file}: ${verdict}`, EXIT.problems);
  }
}

/** Options every command takes. */
export interface GlobalOptions {
  databaseUrl?: string;
  allProblems?: boolean;
}
export type Globals = () => GlobalOptions;

const SHOWN_PROBLEMS = 3;

function problemsLine(e: ProblemsError, all: boolean): string {
  const [first] = e.problems;
  if (e.problems.length === 1 && first.rule === 'json') return `${e.file}: ${first.message}`;
  const shown = e.problems.slice(0, SHOWN_PROBLEMS).map((p) => `${p.pointer || '/'} ${p.message}`);
  const more = e.problems.length - shown.length;
  const tail = more > 0 ? `; and ${more} more${all ? '' : ' (--all-problems lists every one)'}` : '';
  return `${e.message}: ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}: ${shown.join('; ')}${tail}`;
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

type ErrnoError = Error & { code?: unknown; syscall?: unknown; path?: unknown };

/** A file-system error (it names a path and a system call) as `<path>: <problem>`. */
function fileSystemError(error: unknown): CliError | null {
  // not `instanceof Error`: Node's own errors may come from another realm (Jest runs tests in one)
  const e = error as ErrnoError;
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string' || typeof e.path !== 'string' || typeof e.message !== 'string') return null;
  // Node's own text without the code and the repeated path: "ENOENT: no such file or directory, open 'x'"
  const problem = FILE_PROBLEMS[e.code] ?? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return new UsageError(`${e.path}: ${problem}`, e);
}

/** A domain error (libs/kernel) from a service that no command turned into a file's problems: the request cannot be met. */
function domainError(error: unknown): CliError | null {
  if (!(error instanceof DomainError)) return null;
  if (!(error instanceof InvalidInputError)) return new UsageError(error.message, error);
  return new UsageError(`${error.message}: ${error.problems.map((p) => `${p.pointer || '/'} ${p.message}`).join('; ')}`, error);
}

/** What a thrown error means for the person at the terminal. */
export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  return fileSystemError(error) ?? domainError(error) ?? new CliError(`internal error: ${(error as Error)?.message ?? String(error)}`, EXIT.internal, error);
}

/**
 * Writes an error as one line on standard error (with --all-problems, every problem of a
 * rejected file on a line of its own after it; with MAPWORK_DEBUG=1, the stack trace)
 * and returns its exit code. Never a stack trace otherwise.
 */
export function reportError(error: unknown, options: GlobalOptions = {}): ExitCode {
  const e = asCliError(error);
  const debug = process.env.MAPWORK_DEBUG === '1';
  let text = e instanceof ProblemsError ? problemsLine(e, !!options.allProblems) : e.message;
  if (e.exitCode === EXIT.internal && !debug) text += ' (MAPWORK_DEBUG=1 shows where)';
  process.stderr.write(`mapwork: ${text}\n`);
  if (e instanceof ProblemsError && options.allProblems) {
    for (const p of e.problems) process.stderr.write(`  ${p.pointer || '/'}  [${p.rule}]  ${p.message}\n`);
  }
  if (debug) {
    const origin = (e.cause ?? e) as Error;
    process.stderr.write(`${origin.stack ?? origin}\n`);
  }
  return e.exitCode;
}

/** Keeps the worst exit code of several files (a command goes on to the next file after a failure). */
export function noteFailure(error: unknown, options: GlobalOptions): void {
  const code = reportError(error, options);
  process.exitCode = Math.max(typeof process.exitCode === 'number' ? process.exitCode : 0, code);
}

/** Fails with `<file>: <problem>` (exit 2) unless the file exists, is a file, and can be opened for reading. */
export function checkReadable(file: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).isDirectory()) throw new UsageError(`${file}: ${FILE_PROBLEMS.EISDIR}`);
  } catch (e) {
    throw asCliError(e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Runs work with the application's services on the configured database, then closes it.
 * NestFactory, TypeORM and every module load here, on first use, not when the CLI starts.
 */
export async function withContext<T>(databaseUrl: string | undefined, work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const { runWithContext } = await import('./context');
  return runWithContext(databaseUrl, work);
}

/** For options given more than once (`--in A --in B`). */
export const repeatable = (value: string, previous: string[]) => [...previous, value];
