import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './database-url';
import { beginTransactionsImmediate } from './sqlite';
import { TransactionRunner } from './transaction-runner';

/** The database: one DataSource for the whole app, migrations applied at start-up. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        dataSourceOptions({
          databaseUrl: config.getOrThrow<string>('DATABASE_URL'),
          migrationsRun: config.get<boolean>('DATABASE_MIGRATE') ?? true,
          busyTimeoutMs: config.getOrThrow<number>('SQLITE_BUSY_TIMEOUT_MS'),
        }),
      dataSourceFactory: async (options) => beginTransactionsImmediate(new DataSource(options as DataSourceOptions)),
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class PersistenceModule {}
