import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ClockModule, validateEnvironment } from '@mapwork/kernel';
import { PersistenceModule } from '@mapwork/persistence';
import { RevisionsModule } from '@mapwork/revisions';

/** What the command line needs: configuration, the database, and the capabilities it drives. */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }), ClockModule, PersistenceModule, RevisionsModule],
})
export class CliModule {}
