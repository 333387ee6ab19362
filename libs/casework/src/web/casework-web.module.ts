import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseworkModule } from '../casework.module';
import { CasePagesController } from './case-pages.controller';
import { PeoplePagesController } from './people-pages.controller';

/**
 * The pages of cases. PeoplePagesController comes first: Express tries routes in the
 * order they are registered, and /cases/:caseId/people/new would otherwise reach the
 * record page's /cases/:caseId/:recordType/:recordId.
 */
@Module({
  imports: [AuthModule, CaseworkModule],
  controllers: [PeoplePagesController, CasePagesController],
})
export class CaseworkWebModule {}
