import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessEvent, AuthUser, CurrentUser, Roles } from '@mapwork/auth';
import { InvalidInputError, PageQueryDto, asHtmlPage, pageRequest } from '@mapwork/kernel';
import { AuditsService } from './audits.service';
import {
  AuditHistoryPageDto,
  AuditPageDto,
  ChangeAuditDto,
  CreateRoundDto,
  ModerationDto,
  OverdueActionPageDto,
  ReassignDto,
  ReportFormatDto,
  RoundReportDto,
  RoundDto,
  RoundPageDto,
  RoundStatusDto,
  VersionDto,
  WithdrawDto,
} from './audits.dto';
import { renderRoundReport } from './render';

const uuid = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => InvalidInputError.single(`/path/${name}`, 'isUuid', `${name} must be a UUID`) });

@ApiTags('audits')
@ApiBearerAuth()
@Roles('team_manager')
@Controller({ path: 'audit-rounds', version: '1' })
export class AuditRoundsController {
  constructor(private readonly audits: AuditsService) {}

  @Post()
  @ApiOperation({ summary: 'Plan an audit round for your teams: its instant, sample rule, auditors and due date' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateRoundDto) {
    return this.audits.createRound(user, { ...body, sample: body.sample as never });
  }

  @Get()
  @ApiOperation({ summary: 'The rounds of your teams, newest first, with counts of audits signed off and withdrawn' })
  @ApiOkResponse({ type: RoundPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto) {
    return this.audits.listRounds(user, pageRequest(q));
  }

  @Get(':roundId')
  @ApiOkResponse({ type: RoundDto })
  get(@CurrentUser() user: AuthUser, @Param('roundId', uuid('roundId')) roundId: string) {
    return this.audits.getRound(user, roundId);
  }

  @Get(':roundId/audits')
  @ApiOperation({ summary: 'The audits of a round, in (site, ref) order, with auditor and worker names' })
  @ApiOkResponse({ type: AuditPageDto })
  roundAudits(@CurrentUser() user: AuthUser, @Param('roundId', uuid('roundId')) roundId: string, @Query() q: PageQueryDto) {
    return this.audits.roundAudits(user, roundId, pageRequest(q));
  }

  @Post(':roundId/draw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draw the sample (repeatable from its seed) and open an audit on each case as it stood at the round’s instant' })
  draw(@CurrentUser() user: AuthUser, @Param('roundId', uuid('roundId')) roundId: string) {
    return this.audits.draw(user, roundId);
  }

  @Post(':roundId/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the round on: to moderation (every audit signed off), then closed' })
  status(@CurrentUser() user: AuthUser, @Param('roundId', uuid('roundId')) roundId: string, @Body() body: RoundStatusDto) {
    return this.audits.advance(user, roundId, body.status);
  }

  @Get(':roundId/report')
  @AccessEvent('audit.round-report')
  @ApiOperation({ summary: 'The round report: rates per team against the previous round, grades, themes, open actions, agreement' })
  @ApiOkResponse({ type: RoundReportDto })
  @ApiProduces('application/json', 'text/html')
  async report(@CurrentUser() user: AuthUser, @Param('roundId', uuid('roundId')) roundId: string, @Query() q: ReportFormatDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.audits.report(user, roundId);
    if (q.format !== 'html') return report;
    asHtmlPage(res);
    return renderRoundReport(report);
  }
}

@ApiTags('audits')
@ApiBearerAuth()
@Roles('team_manager', 'social_worker')
@Controller({ path: 'audits', version: '1' })
export class CaseAuditsController {
  constructor(private readonly audits: AuditsService) {}

  @Get('mine')
  @ApiOperation({ summary: 'Audits you take part in (as auditor or the case’s worker); for managers, also their teams’. Newest round first' })
  @ApiOkResponse({ type: AuditPageDto })
  mine(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto) {
    return this.audits.mine(user, pageRequest(q));
  }

  @Get('overdue-actions')
  @Roles('team_manager')
  @ApiOperation({ summary: 'Actions from your teams’ audits that are past their due date and not done, soonest due first' })
  @ApiOkResponse({ type: OverdueActionPageDto })
  overdue(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto) {
    return this.audits.overdueActions(user, pageRequest(q));
  }

  @Get(':auditId')
  @ApiOperation({ summary: 'A case audit: its frozen snapshot (the case and its computed indicators) and what has been agreed' })
  get(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string) {
    return this.audits.getAudit(user, auditId);
  }

  @Patch(':auditId')
  @ApiOperation({ summary: 'Confirm or dispute indicators, write the appreciative sections, scale, grade (auditor), family feedback, actions' })
  change(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string, @Body() body: ChangeAuditDto) {
    const { version, reason, amendment, ...changes } = body;
    return this.audits.change(user, auditId, version, changes as never, { reason: reason ?? null, amendment: amendment ?? false });
  }

  @Post(':auditId/sign-off')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the audit off (auditor and worker each); once both have, changes are amendments' })
  signOff(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string, @Body() body: VersionDto) {
    return this.audits.signOff(user, auditId, body.version);
  }

  @Post(':auditId/moderation')
  @HttpCode(200)
  @Roles('team_manager')
  @ApiOperation({ summary: 'Re-grade a signed-off audit as moderator (a manager other than its auditor)' })
  moderate(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string, @Body() body: ModerationDto) {
    return this.audits.moderate(user, auditId, body.version, body.grade, body.note ?? null);
  }

  @Post(':auditId/reassign')
  @HttpCode(200)
  @Roles('team_manager')
  @ApiOperation({
    summary: 'Give the audit to another social worker of the case’s team, with a reason (a manager of the team; round in progress; before the worker signs off)',
  })
  reassign(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string, @Body() body: ReassignDto) {
    return this.audits.reassign(user, auditId, body.version, body.worker, body.reason);
  }

  @Post(':auditId/withdraw')
  @HttpCode(200)
  @Roles('team_manager')
  @ApiOperation({
    summary: 'Take the audit out of the round, with a reason (a manager of the team; round in progress; before both sign off). It no longer holds the round back and is reported as withdrawn',
  })
  withdraw(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string, @Body() body: WithdrawDto) {
    return this.audits.withdraw(user, auditId, body.version, body.reason);
  }

  @Get(':auditId/print')
  @ApiOperation({ summary: 'The case audit record as a printable page the worker can keep' })
  @ApiProduces('text/html')
  async print(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string, @Res({ passthrough: true }) res: Response) {
    const page = await this.audits.printable(user, auditId);
    asHtmlPage(res);
    return page;
  }

  @Get(':auditId/history')
  @AccessEvent('audit.history')
  @ApiOperation({ summary: 'Every revision of the audit, newest first: who changed what, when, and amendments, reassignments and withdrawal with their reasons' })
  @ApiOkResponse({ type: AuditHistoryPageDto })
  history(@CurrentUser() user: AuthUser, @Param('auditId', uuid('auditId')) auditId: string, @Query() q: PageQueryDto) {
    return this.audits.history(user, auditId, pageRequest(q));
  }
}
