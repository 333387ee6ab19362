import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CheckpointFiles } from './checkpoint-files';
import { CheckpointsService } from './checkpoints.service';
import { CurrentStateTables } from './current-state';
import { IntegritySchedule } from './integrity-schedule';
import { IntegrityController } from './integrity.controller';
import { IntegrityRepository } from './integrity.repository';
import { IntegrityService } from './integrity.service';
import { RevisionsRepository } from './revisions.repository';
import { RevisionsService } from './revisions.service';
import { SealService } from './seal.service';

@Module({
  imports: [AuthModule],
  controllers: [IntegrityController],
  providers: [
    RevisionsRepository,
    RevisionsService,
    IntegrityRepository,
    IntegrityService,
    CheckpointFiles,
    CheckpointsService,
    SealService,
    CurrentStateTables,
    IntegritySchedule,
  ],
  exports: [RevisionsService, IntegrityService, CheckpointsService, SealService, CurrentStateTables],
})
export class RevisionsModule {}
