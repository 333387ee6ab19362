import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { dataSourceOptions, parseDatabaseUrl } from './database-url';
import { IntegrityKeys } from './integrity-keys';
import { beginTransactionsImmediate } from './sqlite';
import { TransactionRunner } from './transaction-runner';

/** The database: one DataSource for the whole app, migrations applied at start-up, and the integrity key that seals what is stored. */
@Global()
@Module({})
export class PersistenceModule {
  /**
   * `connectAttempts`: how many times to try reaching PostgreSQL before giving up (the
   * server waits for one that is still starting: Nest's 9 tries, 3 s apart; the command
   * line says at once). A SQLite file is opened once: waiting cannot mend it.
   */
  static forRoot(options: { connectAttempts?: number } = {}): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const databaseUrl = config.getOrThrow<string>('DATABASE_URL');
            return {
              ...dataSourceOptions({
                databaseUrl,
                migrationsRun: config.get<boolean>('DATABASE_MIGRATE') ?? true,
                busyTimeoutMs: config.getOrThrow<number>('SQLITE_BUSY_TIMEOUT_MS'),
              }),
              retryAttempts: parseDatabaseUrl(databaseUrl).dialect === 'sqlite' ? 1 : options.connectAttempts,
            };
          },
          dataSourceFactory: async (opts) => beginTransactionsImmediate(new DataSource(opts as DataSourceOptions)),
        }),
      ],
      providers: [TransactionRunner, IntegrityKeys],
      exports: [TransactionRunner, IntegrityKeys],
    };
  }
}
