import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseFileModule } from '@mapwork/casefile';
import { CaseworkModule } from '@mapwork/casework';
import { CurrentStateTables, RevisionsModule } from '@mapwork/revisions';
import { AuditRoundsController, CaseAuditsController } from './audits.controller';
import { AuditsRepository } from './audits.repository';
import { AuditsService } from './audits.service';

/** Collaborative case audits: rounds, samples, snapshots, sign-off, moderation, the round report. */
@Module({
  imports: [AuthModule, CaseworkModule, CaseFileModule, RevisionsModule],
  controllers: [AuditRoundsController, CaseAuditsController],
  providers: [AuditsRepository, AuditsService],
  exports: [AuditsService],
})
export class AuditsModule implements OnModuleInit {
  constructor(
    private readonly tables: CurrentStateTables,
    private readonly audits: AuditsRepository,
  ) {}

  onModuleInit() {
    this.tables.register(this.audits.currentStateTable());
  }
}
