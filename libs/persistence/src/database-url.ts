import { resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { createPrivateDatabaseFile } from './sqlite';

export interface ParsedDatabaseUrl {
  dialect: 'sqlite' | 'postgres';
  /** file path or `:memory:` for SQLite; the URL itself for PostgreSQL */
  target: string;
}

/** `sqlite:./data/mapwork.db`, `sqlite::memory:`, `postgres://user:pw@host:5432/db`. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/mapwork.db');
    return { dialect: 'sqlite', target: path === ':memory:' ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new Error('DATABASE_URL is not a valid postgres:// URL');
    }
    return { dialect: 'postgres', target: url };
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

export interface DataSourceSettings {
  databaseUrl: string;
  /** run pending migrations when the data source initialises */
  migrationsRun?: boolean;
  logging?: boolean;
  /** SQLite: how long to wait for another connection's write lock before SQLITE_BUSY */
  busyTimeoutMs: number;
}

/** TypeORM options for the app, the CLI and the tests: one place for both dialects. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  const parsed = parseDatabaseUrl(settings.databaseUrl);
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: settings.migrationsRun ?? true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: settings.logging ?? false,
  };
  if (parsed.dialect === 'postgres') {
    return { ...common, type: 'postgres', url: parsed.target, extra: { max: 10 } };
  }
  const file = parsed.target !== ':memory:';
  if (file) createPrivateDatabaseFile(parsed.target);
  return {
    ...common,
    type: 'better-sqlite3',
    database: parsed.target,
    // TypeORM's driver turns on foreign_keys itself; `timeout` is better-sqlite3's busy timeout
    enableWAL: file,
    timeout: settings.busyTimeoutMs,
    // an acknowledged write survives a power cut: WAL is synced at every commit (NORMAL syncs only at checkpoints)
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('synchronous = FULL');
    },
  };
}
