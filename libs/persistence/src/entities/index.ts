import { AuthTokenEntity } from './auth-token.entity';
import { AccessLogCaseEntity, CaseAccessEntity } from './case-access.entity';
import { CaseRecordEntity } from './case-record.entity';
import { CaseEntity } from './case.entity';
import { FormDraftEntity } from './form-draft.entity';
import { PersonEntity } from './person.entity';
import { AuditRoundEntity, CaseAuditEntity } from './audit.entity';
import { InstrumentEntity, InstrumentResponseEntity } from './instrument.entity';
import { IntegrityCheckpointEntity, IntegrityHeadEntity, IntegritySealEntity } from './integrity.entity';
import { RevisionEntity } from './revision.entity';
import { ScoringSheetEntity } from './scoring-sheet.entity';
import { SiteEntity } from './site.entity';
import { TeamMembershipEntity } from './team-membership.entity';
import { TeamEntity } from './team.entity';
import { UserEntity } from './user.entity';

export * from './auth-token.entity';
export * from './case-access.entity';
export * from './case-record.entity';
export * from './case.entity';
export * from './form-draft.entity';
export * from './person.entity';
export * from './audit.entity';
export * from './instrument.entity';
export * from './integrity.entity';
export * from './revision.entity';
export * from './scoring-sheet.entity';
export * from './site.entity';
export * from './team-membership.entity';
export * from './team.entity';
export * from './user.entity';

export const ENTITIES = [
  SiteEntity,
  TeamEntity,
  UserEntity,
  TeamMembershipEntity,
  AuthTokenEntity,
  CaseEntity,
  PersonEntity,
  CaseRecordEntity,
  RevisionEntity,
  CaseAccessEntity,
  AccessLogCaseEntity,
  ScoringSheetEntity,
  InstrumentEntity,
  InstrumentResponseEntity,
  AuditRoundEntity,
  CaseAuditEntity,
  FormDraftEntity,
  IntegrityHeadEntity,
  IntegrityCheckpointEntity,
  IntegritySealEntity,
];
