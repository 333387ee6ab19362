import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { NAME_BESIDE_ID } from '@mapwork/auth';
import { IsInstant } from '@mapwork/kernel';
import { CaseKey, GROUP_BY, INDICATORS, IndicatorChange, IndicatorId } from '@mapwork/fidelity';
import { NotComputable, StatisticWarning } from '@mapwork/statistics';
import { NOT_COMPUTABLE_PROPERTY, NotComputableDto, SmallExpectedCountWarningDto } from '@mapwork/statistics/http/dto';

export class ExportQueryDto {
  @ApiProperty({ example: 'P9', description: 'code of the site to export' })
  @IsString()
  @Length(1, 64)
  site!: string;

  @ApiPropertyOptional({ example: '2020-03-31T12:00:00Z', description: "the file's exportedAt (default now); every revision is written" })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'consented cases only, names removed, ids pseudonymised (always so for evaluators)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  pseudonymise?: boolean;
}

export class FidelityQueryDto {
  @ApiPropertyOptional({ example: 'P9', description: 'one site (default: every site you may see)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  site?: string;

  @ApiPropertyOptional({ example: '2020-03-31T12:00:00Z', description: 'score the records as they stood at this instant (default now)' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ enum: GROUP_BY, default: 'site' })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: (typeof GROUP_BY)[number];

  @ApiPropertyOptional({ enum: ['json', 'csv', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'html'])
  format?: 'json' | 'csv' | 'html';
}

const indicatorProps = (item: object) => Object.fromEntries(INDICATORS.map((id) => [id, item]));

export class IndicatorFiguresDto {
  @ApiProperty() applicable!: number;
  @ApiProperty() met!: number;
  @ApiProperty({ nullable: true, type: Number }) rate!: number | null;
  @ApiProperty({ nullable: true, type: [Number], minItems: 2, maxItems: 2, description: 'Wilson 95 % interval' }) ci95!: [number, number] | null;
}

export class CaseFidelityDto {
  @ApiProperty() ref!: string;
  @ApiProperty() site!: string;
  @ApiProperty({ nullable: true, type: String }) team!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the worker's user id (pseudonymised for evaluators)" }) worker!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: `staff only: ${NAME_BESIDE_ID}` }) workerName?: string | null;
  @ApiProperty({ type: 'object', properties: indicatorProps({ type: 'boolean', nullable: true }), description: 'true, false or null (not applicable)' })
  indicators!: Record<string, boolean | null>;
  @ApiProperty() fidelity_index!: number;
  @ApiProperty({ nullable: true, type: Number }) depth_index!: number | null;
}

export class GroupIndexDto {
  @ApiProperty({ nullable: true, type: Number }) mean!: number | null;
  @ApiProperty({ nullable: true, type: Number }) median!: number | null;
}

export class GroupFidelityDto {
  @ApiProperty({ nullable: true, type: String }) key!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: `groupBy=worker, staff only: ${NAME_BESIDE_ID}` }) name?: string | null;
  @ApiProperty() cases!: number;
  @ApiProperty({ type: 'object', properties: indicatorProps({ $ref: '#/components/schemas/IndicatorFiguresDto' }) })
  indicators!: Record<string, IndicatorFiguresDto>;
  @ApiProperty({ type: GroupIndexDto }) fidelity_index!: GroupIndexDto;
}

export class FidelityReportDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ enum: GROUP_BY }) groupBy!: string;
  @ApiProperty({ type: [CaseFidelityDto] }) cases!: CaseFidelityDto[];
  @ApiProperty({ type: [GroupFidelityDto] }) groups!: GroupFidelityDto[];
}

class ImportedCasesDto {
  @ApiProperty({ example: 10 }) created!: number;
  @ApiProperty({ example: 0, description: 'cases already stored that gained revisions' }) merged!: number;
  @ApiProperty({ example: 0 }) unchanged!: number;
}

class ImportedPeopleDto {
  @ApiProperty({ example: 40 }) added!: number;
}

class ImportedRevisionsDto {
  @ApiProperty({ example: 120 }) added!: number;
  @ApiProperty({ example: 0, description: 'revisions the file holds that were stored already (skipped)' }) alreadyStored!: number;
}

export class ImportSummaryDto {
  @ApiProperty() site!: string;
  @ApiProperty() siteCreated!: boolean;
  @ApiProperty({ type: ImportedCasesDto }) cases!: ImportedCasesDto;
  @ApiProperty({ type: ImportedPeopleDto }) people!: ImportedPeopleDto;
  @ApiProperty({ type: ImportedRevisionsDto }) revisions!: ImportedRevisionsDto;
}

export class CompareQueryDto extends FidelityQueryDto {
  @ApiPropertyOptional({ example: '2020-03-31T17:00:00Z', description: 'compare the same cases at `asOf` (T1) and at this instant (T3) instead of comparing groups' })
  @IsOptional()
  @IsInstant()
  vsAsOf?: string;
}

export class GroupRateDto {
  @ApiProperty({ nullable: true, type: String }) key!: string | null;
  @ApiProperty() applicable!: number;
  @ApiProperty() met!: number;
  @ApiProperty({ nullable: true, type: Number }) rate!: number | null;
}

/** One class for the three forms of the test, told apart by `test`. */
export class GroupTestDto {
  @ApiProperty({ enum: ['fisher_exact', 'chi_square'], nullable: true, description: "Fisher's exact test for two groups, Pearson's chi-square for more; null with fewer than two groups with an applicable case" })
  test!: 'fisher_exact' | 'chi_square' | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null when not computable' }) p!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'chi-square only' }) statistic?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'chi-square only: k − 1' }) df?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Fisher only: the sample odds ratio; null when infinite or 0/0' }) oddsRatio?: number | null;
  @ApiPropertyOptional({ description: 'Fisher only: the first rate minus the second' }) difference?: number;
  @ApiPropertyOptional({ type: [Number], minItems: 2, maxItems: 2, description: "Fisher only: Newcombe's 95 % interval for the difference" }) ci95?: [number, number];
  @ApiProperty({ type: [SmallExpectedCountWarningDto], description: 'SMALL_EXPECTED_COUNT when a chi-square has an expected count below 5' }) warnings!: StatisticWarning[];
  @ApiProperty(NOT_COMPUTABLE_PROPERTY) notComputable!: NotComputable | null;
}

export class IndicatorComparisonDto {
  @ApiProperty({ enum: INDICATORS }) indicator!: IndicatorId;
  @ApiProperty({ type: [GroupRateDto] }) groups!: GroupRateDto[];
  @ApiProperty({ type: GroupTestDto }) comparison!: GroupTestDto;
}

export class GroupComparisonDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ enum: GROUP_BY }) groupBy!: string;
  @ApiProperty({ type: [IndicatorComparisonDto] }) indicators!: IndicatorComparisonDto[];
}

export class CaseKeyDto implements CaseKey {
  @ApiProperty() site!: string;
  @ApiProperty({ description: "the case's ref; for evaluators a keyed pseudonym of it (c-…), the same in every comparison" }) ref!: string;
}

export class IndicatorChangeDto implements IndicatorChange {
  @ApiProperty({ enum: INDICATORS }) indicator!: IndicatorId;
  @ApiProperty({ description: 'cases where the indicator applies at both instants' }) paired!: number;
  @ApiProperty() metBefore!: number;
  @ApiProperty() metAfter!: number;
  @ApiProperty({ nullable: true, type: Number }) rateBefore!: number | null;
  @ApiProperty({ nullable: true, type: Number }) rateAfter!: number | null;
  @ApiProperty({ nullable: true, type: Number }) change!: number | null;
  @ApiProperty({ description: 'how many were met before, not after' }) lost!: number;
  @ApiProperty({ description: 'how many were not met before, met after' }) gained!: number;
  @ApiProperty({ type: [CaseKeyDto], description: 'the cases that lost the indicator' }) lostCases!: CaseKey[];
  @ApiProperty({ type: [CaseKeyDto], description: 'the cases that gained it' }) gainedCases!: CaseKey[];
  @ApiProperty({ type: Number, nullable: true, description: "McNemar's exact test on the paired outcomes; null when no case is paired" }) p!: number | null;
  @ApiProperty(NOT_COMPUTABLE_PROPERTY) notComputable!: NotComputable | null;
}

export class ChangeComparisonDto {
  @ApiProperty() asOf!: string;
  @ApiProperty() vsAsOf!: string;
  @ApiProperty({ description: 'cases scored at both instants (matched by site and ref)' }) cases!: number;
  @ApiProperty({ type: [IndicatorChangeDto] }) indicators!: IndicatorChangeDto[];
}

/** The models a comparison refers to, for `@ApiExtraModels`. */
export const COMPARISON_MODELS = [GroupComparisonDto, ChangeComparisonDto, NotComputableDto];
