import { Module } from '@nestjs/common';
import { IntegrityController } from './integrity.controller';
import { IntegrityService } from './integrity.service';
import { RevisionsRepository } from './revisions.repository';
import { RevisionsService } from './revisions.service';

@Module({
  controllers: [IntegrityController],
  providers: [RevisionsRepository, RevisionsService, IntegrityService],
  exports: [RevisionsService, IntegrityService],
})
export class RevisionsModule {}
