import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessEvent, AuthUser, CurrentUser, Roles } from '@mapwork/auth';
import { InvalidInputError, PageQueryDto, pageRequest } from '@mapwork/kernel';
import { AgreementQueryDto, AgreementReportDto, PutScoringSheetDto } from './dto';
import { ScoringSheetsService } from './scoring-sheets.service';

function checkSegment(value: string, name: string): string {
  if (value.length < 1 || value.length > 128) throw InvalidInputError.single(`/path/${name}`, 'length', `${name} must be 1 to 128 characters`);
  return value;
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Roles('evaluator')
@Controller({ path: 'evaluation', version: '1' })
export class EvaluationController {
  constructor(private readonly sheets: ScoringSheetsService) {}

  @Get('scoring-sheets/:site/:ref')
  @AccessEvent('evaluation.scoring-sheet')
  @ApiOperation({ summary: 'Your scoring sheet for a consented case' })
  @ApiNotFoundResponse({ description: 'no such consented case, or no sheet of yours yet' })
  get(@CurrentUser() user: AuthUser, @Param('site') site: string, @Param('ref') ref: string) {
    return this.sheets.get(user, checkSegment(site, 'site'), checkSegment(ref, 'ref'));
  }

  @Put('scoring-sheets/:site/:ref')
  @ApiOperation({ summary: 'Record your own judgement of the indicators of a consented case (kept with revision history)' })
  put(@CurrentUser() user: AuthUser, @Param('site') site: string, @Param('ref') ref: string, @Body() body: PutScoringSheetDto) {
    return this.sheets.put(user, checkSegment(site, 'site'), checkSegment(ref, 'ref'), { judgements: { ...body.judgements } }, body.version, body.reason ?? null);
  }

  @Get('scoring-sheets/:site/:ref/history')
  @AccessEvent('evaluation.scoring-sheet')
  @ApiOperation({ summary: 'The revisions of your scoring sheet for a case, newest first' })
  history(@CurrentUser() user: AuthUser, @Param('site') site: string, @Param('ref') ref: string, @Query() q: PageQueryDto) {
    const { page, pageSize } = pageRequest(q);
    return this.sheets.history(user, checkSegment(site, 'site'), checkSegment(ref, 'ref'), page, pageSize);
  }

  @Get('agreement')
  @AccessEvent('evaluation.agreement')
  @ApiOperation({
    summary: 'Agreement per indicator: between two evaluators, and each evaluator against the computed value',
    description:
      "Cohen's kappa, observed and chance agreement on the cases both judged (null is a category), and the cases where they differ. A kappa that cannot be computed is null, with `notComputable: { code, message }` (no cases rated by both: NO_DATA; one and the same category throughout: NO_VARIATION).",
  })
  @ApiOkResponse({ type: AgreementReportDto })
  agreement(@CurrentUser() user: AuthUser, @Query() q: AgreementQueryDto) {
    return this.sheets.agreement(q.site, q.asOf, q.with ? [user.id, q.with] : [user.id]);
  }
}
