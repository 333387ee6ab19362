import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '@mapwork/kernel';
import { NotComputable, TTestResult } from '@mapwork/statistics';
import { CronbachAlphaDto, KappaDto, NOT_COMPUTABLE_PROPERTY, TTestDto } from '@mapwork/statistics/http/dto';
import { RESPONDENT_KINDS, TIME_POINTS } from './instruments';

export class LoadInstrumentDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'id, name, scale {min, max}, respondentKinds, items [{id, label?, wording?, reverse?}], subscales [{id, name, items}], frames?' })
  @IsObject()
  definition!: Record<string, unknown>;
}

export class InstrumentResponseDto {
  @ApiProperty({ enum: RESPONDENT_KINDS }) @IsIn(RESPONDENT_KINDS) respondentKind!: (typeof RESPONDENT_KINDS)[number];
  @ApiProperty({ example: 'P9' }) @IsString() @Length(1, 64) site!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the case the response is about, for paired comparisons' }) @IsOptional() @IsString() @Length(1, 128) caseRef?: string | null;
  @ApiProperty({ enum: TIME_POINTS }) @IsIn(TIME_POINTS) timePoint!: (typeof TIME_POINTS)[number];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'now', description: "one of the instrument's frames, when it has them" }) @IsOptional() @IsString() @Length(1, 64) frame?: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer', nullable: true }, description: 'answers by item id; null for an item left unanswered' })
  @IsObject()
  answers!: Record<string, number | null>;
}

export class ResponseFilterDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) site?: string;
  @ApiPropertyOptional({ enum: TIME_POINTS }) @IsOptional() @IsIn(TIME_POINTS) timePoint?: (typeof TIME_POINTS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) frame?: string;
  @ApiPropertyOptional({ enum: RESPONDENT_KINDS }) @IsOptional() @IsIn(RESPONDENT_KINDS) respondentKind?: (typeof RESPONDENT_KINDS)[number];
}

export class ResponsePageQueryDto extends IntersectionType(ResponseFilterDto, PageQueryDto) {}

const GROUPINGS = ['site', 'respondentKind', 'timePoint', 'frame'] as const;

export class ScoresQueryDto extends ResponseFilterDto {
  @ApiPropertyOptional({ description: `comma-separated, from ${GROUPINGS.join(', ')}`, default: 'site,timePoint' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(GROUPINGS, { each: true })
  groupBy?: Array<(typeof GROUPINGS)[number]>;
}

export class CompareKindsQueryDto extends ResponseFilterDto {
  @ApiProperty({ enum: RESPONDENT_KINDS, example: 'social_worker' }) @IsIn(RESPONDENT_KINDS) a!: (typeof RESPONDENT_KINDS)[number];
  @ApiProperty({ enum: RESPONDENT_KINDS, example: 'parent' }) @IsIn(RESPONDENT_KINDS) b!: (typeof RESPONDENT_KINDS)[number];
}

const WHEN = /^T[123]:[a-z0-9][a-z0-9_.-]{0,63}$/;

export class ExpectedQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) site?: string;
  @ApiPropertyOptional({ default: 'T1:hoped_for', description: 'time point and frame of the expectation' })
  @IsOptional()
  @Matches(WHEN, { message: 'expected must look like T1:hoped_for' })
  expected?: string;
  @ApiPropertyOptional({ default: 'T3:now', description: 'time point and frame of what happened' })
  @IsOptional()
  @Matches(WHEN, { message: 'actual must look like T3:now' })
  actual?: string;
}

export class ElementUseQueryDto extends ResponseFilterDto {
  @ApiPropertyOptional({ default: 1, description: 'an answer at or above this counts as using the element (staff survey: 1 = with some families)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1000)
  @Max(1000)
  threshold?: number;
  @ApiPropertyOptional({ example: 'P1:62,P7:290', description: "each site's social-worker headcount, for the share of the workforce" })
  @IsOptional()
  @Matches(/^([^:,]{1,64}:[0-9]{1,7})(,[^:,]{1,64}:[0-9]{1,7})*$/, { message: 'headcount must look like P1:62,P7:290' })
  headcount?: string;
}

// ---- responses: the reports that carry statistics -------------------------------------

export class ItemKappaDto extends KappaDto {
  @ApiProperty() item!: string;
}

export class CompareKindsReportDto {
  @ApiProperty({ enum: RESPONDENT_KINDS, isArray: true, minItems: 2, maxItems: 2 }) kinds!: string[];
  @ApiProperty({ description: 'cases both kinds answered for (same site, time point and frame)' }) pairedCases!: number;
  @ApiProperty({ type: TTestDto, description: 'paired t-test on the total means: first kind minus second' }) total!: TTestResult;
  @ApiProperty({ type: [ItemKappaDto], description: "Cohen's kappa per item on the answers" }) items!: ItemKappaDto[];
}

export class TScoreDto {
  @ApiProperty({ type: Number, nullable: true, description: "the site's mean score" }) mean!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '50 + 10 · (mean − mean of the sites) / sd of the sites' }) t!: number | null;
  @ApiProperty(NOT_COMPUTABLE_PROPERTY) notComputable!: NotComputable | null;
}

export class SiteTScoresDto {
  @ApiProperty() site!: string;
  @ApiProperty({ description: 'responses from the site' }) n!: number;
  @ApiProperty({ type: TScoreDto }) total!: TScoreDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/TScoreDto' }, description: 'by subscale id' }) subscales!: Record<string, TScoreDto>;
}

export class TScoresReportDto extends ResponseFilterDto {
  @ApiProperty() instrument!: string;
  @ApiProperty({ type: [SiteTScoresDto] }) sites!: SiteTScoresDto[];
}

export class MeanSdDto {
  @ApiProperty({ type: Number, nullable: true }) mean!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sd!: number | null;
}

export class SubscaleSummaryDto extends MeanSdDto {
  @ApiProperty({ type: CronbachAlphaDto }) alpha!: CronbachAlphaDto;
}

export class GroupSummaryDto {
  @ApiProperty() key!: string;
  @ApiProperty() n!: number;
  @ApiProperty({ type: MeanSdDto, description: 'of the respondents’ total mean scores' }) total!: MeanSdDto;
  @ApiProperty({ type: CronbachAlphaDto, description: "Cronbach's alpha over the respondents who answered every item" }) alpha!: CronbachAlphaDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SubscaleSummaryDto' }, description: 'by subscale id' }) subscales!: Record<string, SubscaleSummaryDto>;
}

export class ScoresReportDto {
  @ApiProperty() instrument!: string;
  @ApiProperty({ type: [String] }) groupBy!: string[];
  @ApiProperty({ type: [GroupSummaryDto] }) groups!: GroupSummaryDto[];
}
