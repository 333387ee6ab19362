import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { AuditsModule } from '@mapwork/audits';
import { AuthModule } from '@mapwork/auth';
import { CaseFileModule } from '@mapwork/casefile';
import { CaseworkModule, CaseworkWebModule } from '@mapwork/casework';
import { DemoModule } from '@mapwork/demo';
import { EvaluationModule } from '@mapwork/evaluation';
import { ClockModule, validateEnvironment } from '@mapwork/kernel';
import { PersistenceModule } from '@mapwork/persistence';
import { RevisionsModule } from '@mapwork/revisions';
import { WebModule } from '@mapwork/web';
import { HealthController } from './health.controller';
import { HomeController } from './web/home.controller';

@Module({})
export class AppModule {
  /** The whole server. `settings` override environment variables (tests use them to pick a database). */
  static forRoot(settings: Record<string, string> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: (env) => validateEnvironment({ ...env, ...settings }) }),
        ClockModule,
        PersistenceModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        AuthModule,
        RevisionsModule,
        CaseworkModule,
        CaseFileModule,
        EvaluationModule,
        AuditsModule,
        DemoModule,
        WebModule,
        CaseworkWebModule,
      ],
      controllers: [HealthController, HomeController],
    };
  }
}
