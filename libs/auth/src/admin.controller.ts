import { Readable } from 'node:stream';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, pageRequest } from '@mapwork/kernel';
import { AccessEvent, RequestParts } from './access-event.interceptor';
import { AccessLogService } from './access-log.service';
import { Roles } from './auth.decorators';
import {
  AccessLogPageDto,
  AccessLogQueryDto,
  AdminUserDto,
  UserPageDto,
  CreateSiteDto,
  CreateTeamDto,
  CreateUserDto,
  SiteDto,
  TeamDto,
  UpdateUserDto,
} from './dto/admin.dto';
import { UsersService } from './users.service';

/** What an admin changed on a user, for the access log: field names, and the new role, teams and status (never a password). */
function userChanges({ params, body }: RequestParts): string {
  const b = (body ?? {}) as Record<string, unknown>;
  const parts = Object.keys(b)
    .sort()
    .map((k) => (k === 'role' || k === 'disabled' ? `${k}=${String(b[k])}` : k === 'teamIds' && Array.isArray(b[k]) ? `teamIds=${(b[k] as string[]).join(' ')}` : k));
  return `${params.userId ? `user ${params.userId}: ` : ''}${parts.join(', ')}`;
}

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin', version: '1' })
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Post('sites')
  @AccessEvent('admin.site.create', ({ body }) => `site ${(body as { code?: string })?.code ?? ''}`)
  @ApiOperation({ summary: 'Add a site (a local authority or pilot)' })
  @ApiCreatedResponse({ type: SiteDto })
  createSite(@Body() body: CreateSiteDto) {
    return this.users.createSite(body.code, body.name ?? null, body.kind ?? 'live');
  }

  @Get('sites')
  @ApiOkResponse({ type: [SiteDto] })
  listSites() {
    return this.users.listSites();
  }

  @Post('teams')
  @AccessEvent('admin.team.create', ({ body }) => `team ${(body as { name?: string })?.name ?? ''} of site ${(body as { site?: string })?.site ?? ''}`)
  @ApiOperation({ summary: 'Add a team to a site' })
  @ApiCreatedResponse({ type: TeamDto })
  createTeam(@Body() body: CreateTeamDto) {
    return this.users.createTeam(body.site, body.name);
  }

  @Get('teams')
  @ApiOkResponse({ type: [TeamDto] })
  listTeams() {
    return this.users.listTeams();
  }

  @Post('users')
  @AccessEvent('admin.user.create', ({ body }) => {
    const b = (body ?? {}) as { username?: string; role?: string };
    return `user ${b.username ?? ''} as ${b.role ?? ''}`;
  })
  @ApiOperation({ summary: 'Add a user with a role, team memberships and how to reach them' })
  @ApiCreatedResponse({ type: AdminUserDto })
  createUser(@Body() body: CreateUserDto) {
    return this.users.createUser(body);
  }

  @Get('users')
  @AccessEvent('admin.user.list')
  @ApiOperation({ summary: 'Users, in username order' })
  @ApiOkResponse({ type: UserPageDto })
  listUsers(@Query() q: PageQueryDto) {
    return this.users.pageOfUsers(pageRequest(q));
  }

  @Patch('users/:userId')
  @AccessEvent('admin.user.update', userChanges)
  @ApiOperation({ summary: 'Change a user: name, role, teams, email, phone, password, or disable them' })
  @ApiOkResponse({ type: AdminUserDto })
  updateUser(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: UpdateUserDto) {
    return this.users.updateUser(userId, body);
  }

  @Get('access-log')
  @AccessEvent('admin.access-log', ({ query }) => {
    const shown = Object.entries(query).filter(([k, v]) => v !== undefined && k !== 'page' && k !== 'pageSize');
    return shown.length ? shown.map(([k, v]) => `${k}=${String(v)}`).join(' ') : null;
  })
  @ApiOperation({
    summary: 'The access log, newest first, filtered by who, which case, when, interface, event and outcome',
    description: 'Every view or change of a case, sign-ins (success and failure), refusals, admin actions, imports, case lists, reports and comparisons, audit history and round reports. `format=csv` downloads every matching entry.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AccessLogPageDto })
  accessLogPage(@Query() query: AccessLogQueryDto) {
    const { page, pageSize, format, ...filter } = query;
    if (format !== 'csv') return this.accessLog.list(filter, pageRequest({ page, pageSize }));
    return new StreamableFile(Readable.from(this.accessLog.csv(filter)), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="access-log.csv"' });
  }
}
