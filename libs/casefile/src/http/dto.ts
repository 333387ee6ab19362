import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsInstant } from '@mapwork/kernel';
import { GROUP_BY, INDICATORS } from '@mapwork/fidelity';

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
  @ApiProperty({ nullable: true, type: String }) worker!: string | null;
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
