import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { INDICATORS, INDICATOR_LABELS, IndicatorId } from '@mapwork/fidelity';
import { NAME_BESIDE_ID } from '@mapwork/auth';
import { IsCalendarDate, IsInstant, IsNestedObject, pageDto } from '@mapwork/kernel';
import { KappaDto } from '@mapwork/statistics/http/dto';
import { FEEDBACK_ANSWERS, GRADES, ROUND_STATUSES } from './audit';

export class NamedCaseDto {
  @ApiProperty({ example: 'P9' }) @IsString() @Length(1, 64) site!: string;
  @ApiProperty({ example: 'P9-0001' }) @IsString() @Length(1, 128) ref!: string;
}

export class SampleRuleDto {
  @ApiProperty({ enum: ['named', 'random'] }) @IsIn(['named', 'random']) kind!: 'named' | 'random';
  @ApiPropertyOptional({ type: [NamedCaseDto], description: 'named: the cases to audit' })
  @ValidateIf((o: SampleRuleDto) => o.kind === 'named')
  @IsArray()
  @ArrayMaxSize(500)
  @IsNestedObject(() => NamedCaseDto, { each: true })
  cases?: NamedCaseDto[];
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'random: cases drawn per team' })
  @ValidateIf((o: SampleRuleDto) => o.kind === 'random')
  @IsInt()
  @Min(1)
  @Max(100)
  perTeam?: number;
  @ApiPropertyOptional({ maxLength: 128, description: 'random: the recorded seed, so the draw can be repeated and checked' })
  @ValidateIf((o: SampleRuleDto) => o.kind === 'random')
  @IsString()
  @Length(1, 128)
  seed?: string;
}

export class CreateRoundDto {
  @ApiProperty({ example: 'March case audits' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ type: [String], description: 'teams in scope: your own' }) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) teamIds!: string[];
  @ApiProperty({ example: '2020-03-31T17:00:00Z', description: 'the files are judged as they stood at this instant' }) @IsInstant() asOf!: string;
  @ApiProperty({ type: SampleRuleDto }) @IsNestedObject(() => SampleRuleDto) sample!: SampleRuleDto;
  @ApiPropertyOptional({ type: [String], description: 'auditors (default: you), given audits in turn' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  auditors?: string[];
  @ApiProperty({ format: 'date' }) @IsCalendarDate() dueOn!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the round to compare indicator rates with' }) @IsOptional() @IsUUID('all') previousRoundId?: string;
}

export class RoundStatusDto {
  @ApiProperty({ enum: ROUND_STATUSES.filter((s) => s !== 'planned' && s !== 'in_progress') })
  @IsIn(['moderation', 'closed'])
  status!: 'moderation' | 'closed';
}

export class VerdictDto {
  @ApiProperty({ enum: ['confirm', 'dispute'] }) @IsIn(['confirm', 'dispute']) verdict!: 'confirm' | 'dispute';
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

/** One optional verdict per indicator; any other key is refused. */
export class VerdictsDto {}
for (const id of INDICATORS) {
  ApiPropertyOptional({ type: VerdictDto, description: INDICATOR_LABELS[id] })(VerdictsDto.prototype, id);
  IsOptional()(VerdictsDto.prototype, id);
  IsNestedObject(() => VerdictDto)(VerdictsDto.prototype, id);
}

export class PracticeScaleDto {
  @ApiProperty({ minimum: 0, maximum: 10 }) @IsInt() @Min(0) @Max(10) score!: number;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

export class FamilyFeedbackDto {
  @ApiProperty({ enum: FEEDBACK_ANSWERS }) @IsIn(FEEDBACK_ANSWERS) knowsThereIsAPlan!: (typeof FEEDBACK_ANSWERS)[number];
  @ApiProperty({ enum: FEEDBACK_ANSWERS }) @IsIn(FEEDBACK_ANSWERS) planRepresentsFamilyViews!: (typeof FEEDBACK_ANSWERS)[number];
  @ApiProperty({ enum: FEEDBACK_ANSWERS }) @IsIn(FEEDBACK_ANSWERS) understandsTheWorries!: (typeof FEEDBACK_ANSWERS)[number];
  @ApiProperty({ enum: FEEDBACK_ANSWERS }) @IsIn(FEEDBACK_ANSWERS) agreesWithWorkerOnWhatMustChange!: (typeof FEEDBACK_ANSWERS)[number];
}

export class ActionDto {
  @ApiPropertyOptional({ description: 'the id of an action being updated' }) @IsOptional() @IsString() @Length(1, 64) id?: string;
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) text!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) owner!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() dueOn!: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @IsCalendarDate() doneOn?: string | null;
}

const texts = () => (target: object, key: string) => {
  ApiPropertyOptional({ type: [String] })(target, key);
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(50)(target, key);
  IsString({ each: true })(target, key);
  MaxLength(2000, { each: true })(target, key);
};

export class ChangeAuditDto {
  @ApiProperty({ minimum: 1, description: 'the version this change is based on' }) @IsInt() @Min(1) @Max(999_999_999) version!: number;
  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true }) @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
  @ApiPropertyOptional({ description: 'true to change a signed-off audit (a reason is required)' }) @IsOptional() @IsBoolean() amendment?: boolean;
  @ApiPropertyOptional({ type: VerdictsDto, description: 'your confirmation or dispute of computed indicators' })
  @IsOptional()
  @IsNestedObject(() => VerdictsDto)
  verdicts?: VerdictsDto;
  @texts() workingWell?: string[];
  @texts() worries?: string[];
  @texts() needsToHappen?: string[];
  @ApiPropertyOptional({ type: PracticeScaleDto, nullable: true }) @IsOptional() @IsNestedObject(() => PracticeScaleDto) practiceScale?: PracticeScaleDto | null;
  @ApiPropertyOptional({ enum: GRADES, nullable: true, description: 'the auditor only' }) @IsOptional() @IsIn(GRADES) grade?: (typeof GRADES)[number] | null;
  @ApiPropertyOptional({ type: FamilyFeedbackDto, nullable: true }) @IsOptional() @IsNestedObject(() => FamilyFeedbackDto) familyFeedback?: FamilyFeedbackDto | null;
  @ApiPropertyOptional({ type: [ActionDto], description: 'the whole list of actions' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsNestedObject(() => ActionDto, { each: true })
  actions?: ActionDto[];
}

export class VersionDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(999_999_999) version!: number;
}

export class ModerationDto extends VersionDto {
  @ApiProperty({ enum: GRADES }) @IsIn(GRADES) grade!: (typeof GRADES)[number];
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class ReportFormatDto {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' }) @IsOptional() @IsIn(['json', 'html']) format?: 'json' | 'html';
}

export class ReassignDto extends VersionDto {
  @ApiProperty({ format: 'uuid', description: "user id of the new worker: an active social worker of the case's team" }) @IsUUID('all') worker!: string;
  @ApiProperty({ maxLength: 2000, example: 'Sam Okafor has left the team' }) @IsString() @Length(1, 2000) reason!: string;
}

export class WithdrawDto extends VersionDto {
  @ApiProperty({ maxLength: 2000, example: 'the case was transferred to another authority' }) @IsString() @Length(1, 2000) reason!: string;
}

export class AuditSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() site!: string;
  @ApiProperty() ref!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty() auditorId!: string;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) auditorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) workerId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) workerName!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'signed off by both auditor and worker' }) signedOff!: boolean;
  @ApiProperty() withdrawn!: boolean;
}

class RoundCountsDto {
  @ApiProperty({ example: 4 }) audits!: number;
  @ApiProperty({ example: 3 }) signedOff!: number;
  @ApiProperty({ example: 1 }) withdrawn!: number;
}

export class RoundSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) teamIds!: string[];
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: SampleRuleDto }) sample!: SampleRuleDto;
  @ApiProperty({ type: [String] }) auditors!: string[];
  @ApiProperty({ type: 'array', items: { type: 'string', nullable: true }, description: 'the names of `auditors`, in the same order' }) auditorNames!: Array<string | null>;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: ROUND_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) previousRoundId!: string | null;
  @ApiProperty({ nullable: true, type: [NamedCaseDto], description: 'the cases drawn (null before the draw)' }) drawn!: NamedCaseDto[] | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) createdByName!: string | null;
  @ApiProperty({ type: RoundCountsDto }) counts!: RoundCountsDto;
}

export class RoundDto extends OmitType(RoundSummaryDto, ['counts'] as const) {
  @ApiProperty({ type: [AuditSummaryDto], description: 'every audit of the round, in (site, ref) order' }) audits!: AuditSummaryDto[];
}

export const RoundPageDto = pageDto(RoundSummaryDto, 'RoundPageDto', 'newest first');
export const AuditPageDto = pageDto(AuditSummaryDto, 'AuditPageDto', 'newest round first, then (site, ref)');

export class OverdueActionDto extends ActionDto {
  @ApiProperty({ format: 'uuid' }) auditId!: string;
  @ApiProperty() caseRef!: string;
}

export const OverdueActionPageDto = pageDto(OverdueActionDto, 'OverdueActionPageDto', 'soonest due first');

export class AuditRevisionDto {
  @ApiProperty({ enum: ['case_audit'] }) entityType!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) byName!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the whole audit state, exactly as stored' }) state!: object | null;
  @ApiProperty({ nullable: true, type: String }) prevHash!: string | null;
  @ApiProperty() hash!: string;
}

export class AuditHistoryPageDto {
  @ApiProperty({ type: [AuditRevisionDto], description: 'newest first' }) items!: AuditRevisionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true }, description: "names of the user ids inside the items' states" })
  names!: Record<string, string | null>;
}

// ---- the round report ---------------------------------------------------------------------

export class ModerationAgreementDto extends KappaDto {
  @ApiProperty({ description: 'audits graded by the auditor and re-graded in moderation' }) moderated!: number;
}

export class IndicatorAuditAgreementDto extends KappaDto {
  @ApiProperty({ enum: INDICATORS }) indicator!: IndicatorId;
}

export class RoundAgreementDto {
  @ApiProperty({
    type: ModerationAgreementDto,
    description:
      'auditor and moderator grades: linear weighted kappa on the four ordered grades; observed and expected agreement are weighted the same way (a grade apart counts 2/3), so kappa = (observed − expected)/(1 − expected)',
  })
  moderation!: ModerationAgreementDto;

  @ApiProperty({ type: [IndicatorAuditAgreementDto], description: "auditors' verdicts against the computed indicators: Cohen's kappa per indicator" })
  indicators!: IndicatorAuditAgreementDto[];
}

export class RoundThemesDto {
  @ApiProperty({ type: [String] }) workingWell!: string[];
  @ApiProperty({ type: [String] }) worries!: string[];
  @ApiProperty({ type: [String] }) needsToHappen!: string[];
}

export class RoundReportDto {
  @ApiProperty({ example: 'mapwork-round-report/1' }) format!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the round, as GET /audit-rounds/{roundId} gives it' }) round!: Record<string, unknown>;
  @ApiProperty() cases!: number;
  @ApiProperty({ description: 'audits signed off by auditor and worker' }) signedOff!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: "per team: `current` and `previous` (the previous round's, or null) group figures, as in the fidelity report's groups",
  })
  teams!: Array<Record<string, unknown>>;
  @ApiProperty({ type: 'object', properties: Object.fromEntries(GRADES.map((g) => [g, { type: 'integer' }])) }) grades!: Record<string, number>;
  @ApiProperty({ type: RoundThemesDto }) themes!: RoundThemesDto;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'actions not done: the action with its audit, case ref and whether it is overdue' })
  actionsOutstanding!: Array<Record<string, unknown>>;
  @ApiProperty({ type: RoundAgreementDto }) agreement!: RoundAgreementDto;
}
