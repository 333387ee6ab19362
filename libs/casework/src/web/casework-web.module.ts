import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseworkModule } from '../casework.module';
import { CasePagesController } from './case-pages.controller';
import { PeoplePagesController } from './people-pages.controller';
import { RecordPagesController } from './records/record-pages.controller';

/**
 * The pages of cases. PeoplePagesController and RecordPagesController come first: Express
 * tries routes in the order they are registered, and /cases/:caseId/people/new or
 * /cases/:caseId/mappings/new would otherwise reach the record page's
 * /cases/:caseId/:recordType/:recordId.
 */
@Module({
  imports: [AuthModule, CaseworkModule],
  controllers: [PeoplePagesController, RecordPagesController, CasePagesController],
})
export class CaseworkWebModule {}
