import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_READERS, CASE_WRITERS, RequestOrigin } from '../case-access.service';
import { Roles } from '@mapwork/auth';
import { pageRequest } from '@mapwork/kernel';
import { CreatePersonDto, PersonPageDto, PersonViewDto, UpdatePersonDto } from '../dto/case.dto';
import { AsOfQueryDto, DiffDto, DiffQueryDto, HistoryPageDto, PageQueryDto, RevertDto, RevisionDto, VersionedChangeDto } from '../dto/common.dto';
import { HistoryService } from '../services/history.service';
import { PeopleService } from '../services/people.service';
import { CaseIdPipe, ItemIdPipe, VersionPipe } from './params';
import { IfMatch, Origin, basedOnVersion } from './request';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the version the change is based on, e.g. "3"' };
const personIdPipe = new ItemIdPipe('personId');

@ApiTags('people')
@ApiBearerAuth()
@Roles(...CASE_READERS)
@Controller({ path: 'cases/:caseId/people', version: '1' })
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly history: HistoryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The people of a case, in id order' })
  @ApiOkResponse({ type: PersonPageDto })
  list(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Query() q: PageQueryDto) {
    return this.people.list(origin, caseId, pageRequest(q));
  }

  @Roles(...CASE_WRITERS)

  @Post()
  @ApiOperation({ summary: 'Add a person to a case' })
  @ApiCreatedResponse({ type: PersonViewDto })
  create(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Body() body: CreatePersonDto) {
    const { reason, ...person } = body;
    return this.people.create(origin, caseId, person, reason ?? null);
  }

  @Get(':personId')
  @ApiOperation({ summary: 'One person, now or as at `asOf`' })
  @ApiOkResponse({ type: PersonViewDto })
  get(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Param('personId', personIdPipe) personId: string, @Query() q: AsOfQueryDto) {
    return this.people.get(origin, caseId, personId, q.asOf);
  }

  @Roles(...CASE_WRITERS)

  @Put(':personId')
  @ApiOperation({ summary: 'Change a person (based on a version)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PersonViewDto })
  @ApiConflictResponse({ description: 'STALE_VERSION, or PERSON_REFERENCED when a record names them in a way the change would break' })
  update(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('personId', personIdPipe) personId: string,
    @IfMatch() ifMatch: string | undefined,
    @Body() body: UpdatePersonDto,
  ) {
    const { version, reason, ...person } = body;
    return this.people.update(origin, caseId, personId, basedOnVersion(ifMatch, version), person, reason ?? null);
  }

  @Roles(...CASE_WRITERS)

  @Delete(':personId')
  @ApiOperation({ summary: 'Remove a person no record names (soft; can be restored)' })
  @ApiHeader(IF_MATCH)
  @ApiBody({ type: VersionedChangeDto, required: false })
  @ApiOkResponse({ type: PersonViewDto })
  delete(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('personId', personIdPipe) personId: string,
    @IfMatch() ifMatch: string | undefined,
    @Body() body: VersionedChangeDto,
  ) {
    return this.people.delete(origin, caseId, personId, basedOnVersion(ifMatch, body?.version), body?.reason ?? null);
  }

  @Roles(...CASE_WRITERS)

  @Post(':personId/restore')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PersonViewDto })
  restore(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('personId', personIdPipe) personId: string,
    @IfMatch() ifMatch: string | undefined,
    @Body() body: VersionedChangeDto,
  ) {
    return this.people.restore(origin, caseId, personId, basedOnVersion(ifMatch, body?.version), body?.reason ?? null);
  }

  @Roles(...CASE_WRITERS)

  @Post(':personId/revert')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PersonViewDto })
  revert(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('personId', personIdPipe) personId: string,
    @IfMatch() ifMatch: string | undefined,
    @Body() body: RevertDto,
  ) {
    return this.people.revert(origin, caseId, personId, basedOnVersion(ifMatch, body.version), body.toVersion, body.reason ?? null);
  }

  @Get(':personId/history')
  @ApiOkResponse({ type: HistoryPageDto })
  historyPage(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Param('personId', personIdPipe) personId: string, @Query() q: PageQueryDto) {
    return this.history.history(origin, personKey(caseId, personId), pageRequest(q));
  }

  @Get(':personId/versions/:version')
  @ApiOkResponse({ type: RevisionDto })
  version(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('personId', personIdPipe) personId: string,
    @Param('version', VersionPipe) version: number,
  ) {
    return this.history.version(origin, personKey(caseId, personId), version);
  }

  @Get(':personId/diff')
  @ApiOkResponse({ type: DiffDto })
  diff(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Param('personId', personIdPipe) personId: string, @Query() q: DiffQueryDto) {
    return this.history.diff(origin, personKey(caseId, personId), q.from, q.to);
  }
}

function personKey(caseId: string, personId: string) {
  return { entityType: 'person' as const, caseId, entityId: personId };
}
