import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { INDICATORS, INDICATOR_LABELS, IndicatorId } from '@mapwork/fidelity';
import { KappaDto } from '@mapwork/statistics/http/dto';
import { IsInstant, IsNestedObject } from '@mapwork/kernel';

export class JudgementDto {
  @ApiProperty({ type: Boolean, nullable: true, description: 'true, false, or null for "not applicable"' })
  @Allow()
  @ValidateIf((o: JudgementDto) => o.value !== null)
  @IsBoolean({ message: 'value must be true, false or null (not applicable)' })
  value!: boolean | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

/** One optional judgement per indicator; any other key is refused. */
export class JudgementsDto {}
for (const id of INDICATORS) {
  const proto = JudgementsDto.prototype;
  ApiPropertyOptional({ type: JudgementDto, description: INDICATOR_LABELS[id] })(proto, id);
  IsOptional()(proto, id);
  IsNestedObject(() => JudgementDto)(proto, id);
}

export class PutScoringSheetDto {
  @ApiProperty({ type: JudgementsDto })
  @IsNestedObject(() => JudgementsDto)
  judgements!: JudgementsDto;

  @ApiPropertyOptional({ minimum: 1, description: 'the version this change is based on (leave out to create the sheet)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  version?: number;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export class AgreementQueryDto {
  @ApiProperty({ example: 'P9' })
  @IsString()
  @Length(1, 64)
  site!: string;

  @ApiPropertyOptional({ example: '2020-03-31T17:00:00Z', description: 'the computed indicators as the records stood at this instant (default now)' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: "the second evaluator's user id (default: you against the computed values only)", format: 'uuid' })
  @IsOptional()
  @IsString()
  @Length(36, 36)
  with?: string;
}

// ---- the agreement report ---------------------------------------------------------------

const RATING = { type: Boolean, nullable: true, description: 'true, false or null (not applicable)' };

export class DisagreementDto {
  @ApiProperty() ref!: string;
  @ApiProperty(RATING) first!: boolean | null;
  @ApiProperty(RATING) second!: boolean | null;
}

export class AgreementFiguresDto extends KappaDto {
  @ApiProperty({ type: [DisagreementDto], description: 'the cases where the two differ' }) disagreements!: DisagreementDto[];
}

export class RaterAgreementDto extends AgreementFiguresDto {
  @ApiProperty({ format: 'uuid' }) rater!: string;
}

export class IndicatorAgreementDto {
  @ApiProperty({ enum: INDICATORS }) indicator!: IndicatorId;
  @ApiPropertyOptional({ type: AgreementFiguresDto, description: 'between the two raters, on cases both judged (absent with one rater)' }) betweenRaters?: AgreementFiguresDto;
  @ApiProperty({ type: [RaterAgreementDto], description: 'each rater against the computed value' }) withComputed!: RaterAgreementDto[];
}

export class AgreementReportDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) raters!: string[];
  @ApiProperty({ type: [IndicatorAgreementDto] }) indicators!: IndicatorAgreementDto[];
}
