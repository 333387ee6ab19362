import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { INDICATORS, INDICATOR_LABELS } from '@mapwork/fidelity';
import { IsInstant, IsNestedObject } from '@mapwork/kernel';

export class JudgementDto {
  @ApiProperty({ type: Boolean, nullable: true, description: 'true, false, or null for "not applicable"' })
  @Allow()
  @ValidateIf((o: JudgementDto) => o.value !== null)
  @IsBoolean({ message: 'value must be true, false or null (not applicable)' })
  value!: boolean | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000 })
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

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
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
