import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './database-url';
import { IntegrityKeys } from './integrity-keys';
import { TransactionRunner } from './transaction-runner';

/** The database: one DataSource for the whole app, migrations applied at start-up, and the integrity key that seals what is stored. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        dataSourceOptions({
          databaseUrl: config.getOrThrow<string>('DATABASE_URL'),
          migrationsRun: config.get<boolean>('DATABASE_MIGRATE') ?? true,
        }),
    }),
  ],
  providers: [TransactionRunner, IntegrityKeys],
  exports: [TransactionRunner, IntegrityKeys],
})
export class PersistenceModule {}
