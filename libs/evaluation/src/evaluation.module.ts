import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseFileModule } from '@mapwork/casefile';
import { CaseworkModule } from '@mapwork/casework';
import { CurrentStateTables, RevisionsModule } from '@mapwork/revisions';
import { EvaluationController } from './evaluation.controller';
import { InstrumentsController } from './instruments.controller';
import { InstrumentsService } from './instruments.service';
import { ScoringSheetsRepository } from './scoring-sheets.repository';
import { ScoringSheetsService } from './scoring-sheets.service';

/** The evaluator toolkit: scoring sheets, rater agreement, standardised instruments. */
@Module({
  imports: [AuthModule, CaseworkModule, CaseFileModule, RevisionsModule],
  controllers: [EvaluationController, InstrumentsController],
  providers: [ScoringSheetsRepository, ScoringSheetsService, InstrumentsService],
  exports: [ScoringSheetsService, InstrumentsService],
})
export class EvaluationModule implements OnModuleInit {
  constructor(
    private readonly tables: CurrentStateTables,
    private readonly sheets: ScoringSheetsRepository,
  ) {}

  onModuleInit() {
    this.tables.register(this.sheets.currentStateTable());
  }
}
