import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseFileModule } from '@mapwork/casefile';
import { CaseworkModule } from '@mapwork/casework';
import { RevisionsModule } from '@mapwork/revisions';
import { EvaluationController } from './evaluation.controller';
import { ScoringSheetsRepository } from './scoring-sheets.repository';
import { ScoringSheetsService } from './scoring-sheets.service';

/** The evaluator toolkit: scoring sheets and rater agreement (instruments come next). */
@Module({
  imports: [AuthModule, CaseworkModule, CaseFileModule, RevisionsModule],
  controllers: [EvaluationController],
  providers: [ScoringSheetsRepository, ScoringSheetsService],
  exports: [ScoringSheetsService],
})
export class EvaluationModule {}
