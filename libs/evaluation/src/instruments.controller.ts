import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessEvent, AuthUser, CurrentUser, Roles } from '@mapwork/auth';
import { InvalidInputError, pageRequest } from '@mapwork/kernel';
import {
  CompareKindsQueryDto,
  CompareKindsReportDto,
  ElementUseQueryDto,
  ExpectedQueryDto,
  InstrumentResponseDto,
  LoadInstrumentDto,
  ResponseFilterDto,
  ResponsePageQueryDto,
  ScoresQueryDto,
  ScoresReportDto,
  SubscaleSummaryDto,
  TScoreDto,
  TScoresReportDto,
} from './instruments.dto';
import { InstrumentDefinition, TimePoint } from './instruments';
import { InstrumentsService } from './instruments.service';

function instrumentId(id: string): string {
  if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(id)) throw InvalidInputError.single('/path/id', 'pattern', 'an instrument id is a short lower-case id');
  return id;
}

const when = (text: string | undefined, fallback: string) => {
  const [timePoint, frame] = (text ?? fallback).split(':');
  return { timePoint: timePoint as TimePoint, frame };
};

@ApiTags('instruments')
@ApiBearerAuth()
@ApiExtraModels(TScoreDto, SubscaleSummaryDto)
@Controller({ path: 'instruments', version: '1' })
export class InstrumentsController {
  constructor(private readonly instruments: InstrumentsService) {}

  @Post()
  @Roles('admin')
  @AccessEvent('admin.instrument.load', ({ body }) => `instrument ${String((body as { definition?: { id?: unknown } })?.definition?.id ?? '')}`)
  @ApiOperation({ summary: 'Load an instrument definition (items, scale, reverse keying, subscales; wording optional)' })
  @ApiCreatedResponse({ schema: { type: 'object' } })
  load(@CurrentUser() user: AuthUser, @Body() body: LoadInstrumentDto) {
    return this.instruments.load(body.definition as unknown as InstrumentDefinition, user.id);
  }

  @Get()
  @Roles('admin', 'evaluator')
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' } } })
  list() {
    return this.instruments.list();
  }

  @Get(':id')
  @Roles('admin', 'evaluator')
  get(@Param('id') id: string) {
    return this.instruments.definition(instrumentId(id));
  }

  @Post(':id/responses')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Record one respondent’s answers (422 names any out-of-range item)' })
  respond(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: InstrumentResponseDto) {
    return this.instruments.respond(instrumentId(id), body, user.id);
  }

  @Get(':id/responses')
  @AccessEvent('report.instrument', ({ params }) => `instrument ${params.id}`)
  @Roles('evaluator')
  @ApiOperation({ summary: 'The responses in the order they were submitted, a page at a time, each with its subscale and total scores (sum and mean, reverse keying applied)' })
  responses(@Param('id') id: string, @Query() q: ResponsePageQueryDto) {
    const { page, pageSize, ...filter } = q;
    return this.instruments.scoredResponsesPage(instrumentId(id), filter, pageRequest({ page, pageSize }));
  }

  @Get(':id/scores')
  @AccessEvent('report.instrument', ({ params }) => `instrument ${params.id}`)
  @Roles('evaluator')
  @ApiOperation({ summary: "Per group: respondents, mean and SD of subscale and total scores (reverse keying applied), Cronbach's alpha" })
  @ApiOkResponse({ type: ScoresReportDto })
  scores(@Param('id') id: string, @Query() q: ScoresQueryDto) {
    const { groupBy, ...filter } = q;
    return this.instruments.scores(instrumentId(id), filter, groupBy ?? ['site', 'timePoint']);
  }

  @Get(':id/compare-kinds')
  @AccessEvent('report.instrument', ({ params }) => `instrument ${params.id}`)
  @Roles('evaluator')
  @ApiOperation({
    summary: 'Two respondent kinds on the same cases: mean difference, paired t-test, per-item kappa',
    description: 'A figure that cannot be computed is null, with `notComputable: { code, message }` (no pairs: NO_DATA; every paired difference the same non-zero number: INFINITE_STATISTIC, t null and p 0).',
  })
  @ApiOkResponse({ type: CompareKindsReportDto })
  compareKinds(@Param('id') id: string, @Query() q: CompareKindsQueryDto) {
    const { a, b, ...filter } = q;
    return this.instruments.compareKinds(instrumentId(id), filter, a, b);
  }

  @Get(':id/t-scores')
  @AccessEvent('report.instrument', ({ params }) => `instrument ${params.id}`)
  @Roles('evaluator')
  @ApiOperation({ summary: "Each site's mean as a T-score against all sites (the profiling tool)" })
  @ApiOkResponse({ type: TScoresReportDto })
  tScores(@Param('id') id: string, @Query() q: ResponseFilterDto) {
    return this.instruments.tScores(instrumentId(id), q);
  }

  @Get(':id/expected-vs-actual')
  @AccessEvent('report.instrument', ({ params }) => `instrument ${params.id}`)
  @Roles('evaluator')
  @ApiOperation({ summary: 'Where respondents hoped to be (T1, hoped for) against where they were (T3, now), item by item' })
  expectedVsActual(@Param('id') id: string, @Query() q: ExpectedQueryDto) {
    return this.instruments.expectedVsActual(instrumentId(id), q.site, when(q.expected, 'T1:hoped_for'), when(q.actual, 'T3:now'));
  }

  @Get(':id/element-use')
  @AccessEvent('report.instrument', ({ params }) => `instrument ${params.id}`)
  @Roles('evaluator')
  @ApiOperation({ summary: 'Table 2 of the evaluation: per element and site, the percentage using it (answer ≥ threshold), n, and share of the workforce' })
  elementUse(@Param('id') id: string, @Query() q: ElementUseQueryDto) {
    const { threshold, headcount, ...filter } = q;
    const heads = Object.fromEntries((headcount ? headcount.split(',') : []).map((pair) => pair.split(':')).map(([site, n]) => [site, Number(n)]));
    return this.instruments.elementUse(instrumentId(id), filter, threshold ?? 1, heads);
  }
}
