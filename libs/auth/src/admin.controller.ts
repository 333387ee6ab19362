import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, pageRequest } from '@mapwork/kernel';
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
  @ApiOperation({ summary: 'Add a user with a role, team memberships and how to reach them' })
  @ApiCreatedResponse({ type: AdminUserDto })
  createUser(@Body() body: CreateUserDto) {
    return this.users.createUser(body);
  }

  @Get('users')
  @ApiOperation({ summary: 'Users, in username order' })
  @ApiOkResponse({ type: UserPageDto })
  listUsers(@Query() q: PageQueryDto) {
    return this.users.pageOfUsers(pageRequest(q));
  }

  @Patch('users/:userId')
  @ApiOperation({ summary: 'Change a user: name, role, teams, email, phone, password, or disable them' })
  @ApiOkResponse({ type: AdminUserDto })
  updateUser(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: UpdateUserDto) {
    return this.users.updateUser(userId, body);
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who viewed or changed which case, newest first' })
  @ApiOkResponse({ type: AccessLogPageDto })
  accessLogPage(@Query() query: AccessLogQueryDto) {
    return this.accessLog.list({ caseId: query.caseId, userId: query.userId }, pageRequest(query));
  }
}
