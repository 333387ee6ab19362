import { ApiProperty } from '@nestjs/swagger';
import {
  CronbachAlphaResult,
  KappaResult,
  NOT_COMPUTABLE_CODES,
  NotComputable,
  NotComputableCode,
  SmallExpectedCountWarning,
  TTestResult,
  WARNING_CODES,
} from '../index';

/*
 * The OpenAPI description of the statistics every report carries. Kept apart from the
 * library's index, which stays free of NestJS; each class implements the library's type,
 * so the documented shape cannot drift from the computed one.
 */

export class NotComputableDto implements NotComputable {
  @ApiProperty({
    enum: NOT_COMPUTABLE_CODES,
    description:
      'NO_DATA: nothing to compute on; TOO_FEW: fewer than the method needs; NO_VARIATION: the statistic is 0/0; INFINITE_STATISTIC: the statistic is +∞ or −∞ (its p, where given, is 0, the limit)',
  })
  code!: NotComputableCode;

  @ApiProperty({ example: 'no pairs', description: 'for people: what follows "not computable: "' })
  message!: string;
}

export class SmallExpectedCountWarningDto implements SmallExpectedCountWarning {
  @ApiProperty({ enum: WARNING_CODES }) code!: 'SMALL_EXPECTED_COUNT';
  @ApiProperty({ description: 'the smallest expected count of the table' }) minExpected!: number;
  @ApiProperty({ description: 'how many cells expect fewer than 5' }) cells!: number;
  @ApiProperty() totalCells!: number;
  @ApiProperty({ description: "for people; says that Fisher's exact test is preferable" }) message!: string;
}

const WHY = { type: NotComputableDto, nullable: true, description: 'null when every figure was computed; otherwise why the null figures are null' } as const;

export class KappaDto implements KappaResult {
  @ApiProperty({ description: 'cases both raters judged' }) n!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'observed agreement (weighted kappa: weighted as the kappa)' }) observed!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'agreement expected by chance, weighted as `observed`' }) expected!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '(observed − expected) / (1 − expected)' }) kappa!: number | null;
  @ApiProperty(WHY) notComputable!: NotComputable | null;
}

export class TTestDto implements TTestResult {
  @ApiProperty({ type: Number, nullable: true, description: 'null when not computable, including when infinite' }) t!: number | null;
  @ApiProperty({ type: Number, nullable: true }) df!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'two-sided; 0 (the limit) when t is infinite' }) p!: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanDifference!: number | null;
  @ApiProperty(WHY) notComputable!: NotComputable | null;
}

export class CronbachAlphaDto implements CronbachAlphaResult {
  @ApiProperty({ type: Number, nullable: true }) alpha!: number | null;
  @ApiProperty({ description: 'respondents who answered every item' }) respondents!: number;
  @ApiProperty() items!: number;
  @ApiProperty(WHY) notComputable!: NotComputable | null;
}

/** For DTOs of other libraries: a `notComputable` property, documented once. */
export const NOT_COMPUTABLE_PROPERTY = WHY;
