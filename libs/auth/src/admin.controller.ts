import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogService } from './access-log.service';
import { AuthUser } from './auth-user';
import { CurrentUser, FromClient, Roles } from './auth.decorators';
import {
  AccessLogPageDto,
  AccessLogQueryDto,
  AdminUserDto,
  CreateSiteDto,
  CreateTeamDto,
  CreateUserDto,
  SiteDto,
  TeamDto,
  UpdateUserDto,
} from './dto/admin.dto';
import { ClientSource } from './client-source';
import { UsersService } from './users.service';

const OWN_ACCOUNT = 'an admin cannot change their own role, teams, password, status or one-time password (OWN_ACCOUNT): another admin must';

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
  @ApiOperation({
    summary: 'Add a user with a role, team memberships and how to reach them',
    description: 'The password must follow the password policy; the user chooses their own at first sign-in. Logged, and told to the user.',
  })
  @ApiCreatedResponse({ type: AdminUserDto })
  createUser(@Body() body: CreateUserDto, @CurrentUser() admin: AuthUser, @FromClient() source: ClientSource) {
    return this.users.createUser(body, { admin, ...source });
  }

  @Get('users')
  @ApiOkResponse({ type: [AdminUserDto] })
  listUsers() {
    return this.users.listUsers();
  }

  @Patch('users/:userId')
  @ApiOperation({
    summary: 'Change a user: name, role, teams, email, phone, password, or disable them',
    description:
      'A change of role or teams and a password reset are logged and told to the user; a reset password must be replaced at the next sign-in. ' +
      'Not on one’s own account (name and contact details excepted).',
  })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiForbiddenResponse({ description: OWN_ACCOUNT })
  updateUser(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: UpdateUserDto, @CurrentUser() admin: AuthUser, @FromClient() source: ClientSource) {
    return this.users.updateUser(userId, body, { admin, ...source });
  }

  @Post('users/:userId/totp-reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset a user’s one-time passwords (a lost phone): they set up an app again at next sign-in. Logged, and told to the user' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: OWN_ACCOUNT })
  @ApiConflictResponse({ description: 'the user has no one-time-password app (TOTP_NOT_ENROLLED)' })
  async resetTotp(@Param('userId', new ParseUUIDPipe()) userId: string, @CurrentUser() admin: AuthUser, @FromClient() source: ClientSource) {
    await this.users.resetTotp(userId, { admin, ...source });
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who viewed or changed which case, newest first' })
  @ApiOkResponse({ type: AccessLogPageDto })
  accessLogPage(@Query() query: AccessLogQueryDto) {
    return this.accessLog.list(query, query.page ?? 1, query.pageSize ?? 100);
  }
}
