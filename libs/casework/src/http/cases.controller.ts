import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import { asHtmlPage, pageRequest } from '@mapwork/kernel';
import { CASE_READERS, CASE_WRITERS, RequestOrigin } from '../case-access.service';
import { AccessEvent, Roles } from '@mapwork/auth';
import { AsOfQueryDto, DiffDto, DiffQueryDto, HistoryPageDto, PageQueryDto, RevertDto, RevisionDto, VersionedChangeDto } from '../dto/common.dto';
import { CaseDocumentDto, CaseListQueryDto, CasePageDto, CaseViewDto, CreateCaseDto, UpdateCaseDto } from '../dto/case.dto';
import { ATTACHMENT_MEDIA_TYPES } from '../media-types';
import { AttachmentsService } from '../services/attachments.service';
import { CasesService } from '../services/cases.service';
import { PrintService } from '../services/print.service';
import { HistoryService } from '../services/history.service';
import { attachmentResponse } from './attachment-response';
import { CaseIdPipe, ItemIdPipe, VersionPipe } from './params';
import { IfMatch, Origin, basedOnVersion, etag } from './request';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the version the change is based on, e.g. "3" (or send `version` in the body)' };

@ApiTags('cases')
@ApiBearerAuth()
@Roles(...CASE_READERS)
@ApiNotFoundResponse({ description: 'no such case among your teams’ cases' })
@ApiUnprocessableEntityResponse({ description: 'input breaks a rule; `errors` names each field (JSON Pointer) and rule' })
@Controller({ path: 'cases', version: '1' })
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly history: HistoryService,
    private readonly attachments: AttachmentsService,
    private readonly print: PrintService,
  ) {}

  @Get(':caseId/mappings/:recordId/print')
  @ApiOperation({ summary: 'The Signs of Safety map of a mapping, as a printable page (now, or as at `asOf`)' })
  @ApiProduces('text/html')
  async printMap(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('recordId', new ItemIdPipe('recordId')) recordId: string,
    @Query() q: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    asHtmlPage(res);
    return this.print.map(origin, caseId, recordId, q.asOf);
  }

  @Get(':caseId/safety-plans/:recordId/print')
  @ApiOperation({ summary: 'A safety plan written for the family, in plain language, as a printable page' })
  @ApiProduces('text/html')
  async printSafetyPlan(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('recordId', new ItemIdPipe('recordId')) recordId: string,
    @Query() q: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    asHtmlPage(res);
    return this.print.familySafetyPlan(origin, caseId, recordId, q.asOf);
  }

  @Get()
  @AccessEvent('case.list')
  @ApiOperation({
    summary: 'Cases of your teams, in (site, ref) order',
    description: "`q` finds cases whose child's name, ref, or worker's name or username contains the text (any case); the filters combine.",
  })
  @ApiOkResponse({ type: CasePageDto })
  list(@Origin() origin: RequestOrigin, @Query() q: CaseListQueryDto) {
    const { page, pageSize, ...filter } = q;
    return this.cases.list(origin, filter, pageRequest({ page, pageSize }));
  }

  @Roles(...CASE_WRITERS)

  @Post()
  @ApiOperation({ summary: 'Open a case in one of your teams, with its people' })
  @ApiCreatedResponse({ type: CaseDocumentDto })
  async create(@Origin() origin: RequestOrigin, @Body() body: CreateCaseDto, @Res({ passthrough: true }) res: Response) {
    const { reason, people, ...fields } = body;
    const doc = await this.cases.create(origin, { ...fields, people }, reason ?? null);
    res.setHeader('ETag', etag(doc.case.version));
    res.setHeader('Location', `/api/v1/cases/${doc.case.id}`);
    return doc;
  }

  @Get(':caseId')
  @ApiOperation({ summary: 'A whole case (fields, people, records), now or as it stood at `asOf`' })
  @ApiOkResponse({ type: CaseDocumentDto })
  @ApiGoneResponse({ description: 'the case was deleted; it can be restored' })
  async get(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Query() q: AsOfQueryDto, @Res({ passthrough: true }) res: Response) {
    const doc = await this.cases.get(origin, caseId, q.asOf);
    if (!q.asOf) res.setHeader('ETag', etag(doc.case.version));
    return doc;
  }

  @Roles(...CASE_WRITERS)

  @Put(':caseId')
  @ApiOperation({ summary: "Change a case's own fields (based on a version)" })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CaseViewDto })
  @ApiConflictResponse({ description: 'STALE_VERSION: someone changed it since; the body has the current version and state' })
  @ApiPreconditionFailedResponse({ description: 'no version given (status 428)' })
  update(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @IfMatch() ifMatch: string | undefined, @Body() body: UpdateCaseDto) {
    const { version, reason, ...changes } = body;
    return this.cases.update(origin, caseId, basedOnVersion(ifMatch, version), changes, reason ?? null);
  }

  @Roles(...CASE_WRITERS)

  @Delete(':caseId')
  @ApiOperation({ summary: 'Delete a case (soft: a revision with no state; it can be restored)' })
  @ApiHeader(IF_MATCH)
  @ApiBody({ type: VersionedChangeDto, required: false })
  @ApiOkResponse({ type: CaseViewDto })
  delete(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @IfMatch() ifMatch: string | undefined, @Body() body: VersionedChangeDto) {
    return this.cases.delete(origin, caseId, basedOnVersion(ifMatch, body?.version), body?.reason ?? null);
  }

  @Roles(...CASE_WRITERS)

  @Post(':caseId/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a deleted case' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CaseViewDto })
  restore(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @IfMatch() ifMatch: string | undefined, @Body() body: VersionedChangeDto) {
    return this.cases.restore(origin, caseId, basedOnVersion(ifMatch, body?.version), body?.reason ?? null);
  }

  @Roles(...CASE_WRITERS)

  @Post(':caseId/revert')
  @HttpCode(200)
  @ApiOperation({ summary: "Write an earlier version's state again, as a new revision" })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CaseViewDto })
  revert(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @IfMatch() ifMatch: string | undefined, @Body() body: RevertDto) {
    return this.cases.revert(origin, caseId, basedOnVersion(ifMatch, body.version), body.toVersion, body.reason ?? null);
  }

  @Get(':caseId/history')
  @ApiOperation({ summary: "The case's own revisions, newest first" })
  @ApiOkResponse({ type: HistoryPageDto })
  caseHistory(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Query() q: PageQueryDto) {
    return this.history.history(origin, caseKey(caseId), pageRequest(q));
  }

  @Get(':caseId/versions/:version')
  @ApiOperation({ summary: "One version of the case's own fields" })
  @ApiOkResponse({ type: RevisionDto })
  caseVersion(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Param('version', VersionPipe) version: number) {
    return this.history.version(origin, caseKey(caseId), version);
  }

  @Get(':caseId/diff')
  @ApiOperation({ summary: 'Field-level differences between two versions of the case' })
  @ApiOkResponse({ type: DiffDto })
  caseDiff(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Query() q: DiffQueryDto) {
    return this.history.diff(origin, caseKey(caseId), q.from, q.to);
  }

  @Roles(...CASE_WRITERS)

  @Post(':caseId/attachments')
  @ApiOperation({ summary: "Upload the bytes of a child's-voice attachment (send the file as the body, with its Content-Type)" })
  @ApiConsumes('application/octet-stream', ...ATTACHMENT_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ schema: { properties: { sha256: { type: 'string' }, mediaType: { type: 'string', enum: [...ATTACHMENT_MEDIA_TYPES] }, size: { type: 'integer' } } } })
  @ApiUnsupportedMediaTypeResponse({ description: `the content is not one of ${ATTACHMENT_MEDIA_TYPES.join(', ')} (judged by its bytes)` })
  upload(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Req() req: { body: unknown },
    @Headers('content-type') contentType: string | undefined,
  ) {
    const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return this.attachments.upload(origin, caseId, content, contentType ?? '');
  }

  @Get(':caseId/child-voice/:recordId/attachment')
  @ApiOperation({ summary: "Download the attachment of a child's-voice record (now, or at `version`)" })
  @ApiProduces('application/octet-stream')
  @ApiQuery({ name: 'version', required: false, type: Number })
  async download(
    @Origin() origin: RequestOrigin,
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('recordId', new ItemIdPipe('recordId')) recordId: string,
    @Query('version') version: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const v = version === undefined ? undefined : new VersionPipe().transform(version);
    return attachmentResponse(res, await this.attachments.download(origin, caseId, recordId, v));
  }
}

function caseKey(caseId: string) {
  return { entityType: 'case' as const, caseId, entityId: caseId };
}

