import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditsModule } from '@mapwork/audits';
import { CaseFileModule } from '@mapwork/casefile';
import { EvaluationModule } from '@mapwork/evaluation';
import { ClockModule, validateEnvironment } from '@mapwork/kernel';
import { PersistenceModule } from '@mapwork/persistence';
import { RevisionsModule } from '@mapwork/revisions';

/** What the command line needs: configuration, the database, and the capabilities it drives. */
@Module({})
export class CliModule {
  static forRoot(settings: Record<string, string> = {}): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: (env) => validateEnvironment({ ...env, ...settings }) }),
        ClockModule,
        PersistenceModule.forRoot({ connectAttempts: 1 }),
        RevisionsModule,
        CaseFileModule,
        EvaluationModule,
        // verification compares every current-state table with its history, audits' included
        AuditsModule,
      ],
    };
  }
}
