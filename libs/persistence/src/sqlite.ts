import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * The embedded database's file holds case records: only its owner may read it. SQLite
 * creates the -wal and -shm files with the database file's permissions, so creating
 * that file 0600 before SQLite opens it covers all three; a file left 0644 by an older
 * version is narrowed when it is opened. (PostgreSQL keeps its files itself.)
 */
export function createPrivateDatabaseFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

/**
 * SQLite: every transaction begins IMMEDIATE, taking the write lock (or waiting for it,
 * up to the busy timeout) before its first statement. TypeORM begins DEFERRED, and a
 * deferred transaction that has read and then writes while another process holds the
 * lock fails at once with SQLITE_BUSY: SQLite does not wait there, as waiting could
 * deadlock (https://www.sqlite.org/lang_transaction.html). Within one process the
 * TransactionRunner already runs one unit of work at a time on the one connection.
 */
export function beginTransactionsImmediate(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  // the better-sqlite3 driver has one connection and hands out one query runner for it
  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) =>
    (query as (sql: string, ...rest: unknown[]) => Promise<unknown>)(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest)) as typeof runner.query;
  return dataSource;
}
