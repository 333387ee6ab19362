import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Type, ValidationPipe } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { pageDto, pageRequest, validationPipeOptions } from '@mapwork/kernel';
import { CASE_READERS, CASE_WRITERS, RequestOrigin } from '../case-access.service';
import { Roles } from '@mapwork/auth';
import { AsOfQueryDto, ChangeReasonDto, DiffDto, DiffQueryDto, HistoryPageDto, LastChangeDto, PageQueryDto, RevertDto, RevisionDto, VersionedChangeDto } from '../dto/common.dto';
import { RecordData } from '../domain';
import { RecordKind } from '../record-kinds';
import { HistoryService } from '../services/history.service';
import { RecordsService } from '../services/records.service';
import { CaseIdPipe, ItemIdPipe, VersionPipe } from './params';
import { IfMatch, Origin, basedOnVersion } from './request';

function named<T>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** Request and response schemas for one record type, named after it in the OpenAPI document. */
export function recordDtos(kind: RecordKind) {
  class CreateRecordDto extends ChangeReasonDto {
    @ApiPropertyOptional({ maxLength: 128, description: `id of the ${kind.label} within the case (generated when absent)` })
    @IsOptional()
    @IsString()
    @Length(1, 128)
    id?: string;

    @ApiProperty({ type: kind.dataDto })
    @IsDefined()
    @IsObject()
    @ValidateNested()
    @TransformType(() => kind.dataDto)
    data!: RecordData;
  }

  class UpdateRecordDto extends VersionedChangeDto {
    @ApiProperty({ type: kind.dataDto, description: 'the whole new state' })
    @IsDefined()
    @IsObject()
    @ValidateNested()
    @TransformType(() => kind.dataDto)
    data!: RecordData;
  }

  class RecordViewDto {
    @ApiProperty() caseId!: string;
    @ApiProperty({ enum: [kind.type] }) type!: string;
    @ApiProperty() id!: string;
    @ApiProperty() version!: number;
    @ApiProperty({ type: kind.dataDto, nullable: true }) data!: object | null;
    @ApiPropertyOptional() deleted?: boolean;
    @ApiPropertyOptional({ type: LastChangeDto, description: 'one record (not in lists): its latest revision' }) lastChange?: LastChangeDto;
  }

  return {
    Create: named(CreateRecordDto, `Create${kind.schemaName}Dto`),
    Update: named(UpdateRecordDto, `Update${kind.schemaName}Dto`),
    View: named(RecordViewDto, `${kind.schemaName}Dto`),
    Page: pageDto(RecordViewDto, `${kind.schemaName}PageDto`, 'in id order'),
  };
}

/** Validates a body against a class the route's parameter type cannot name (the factory's). */
function bodyOf(dto: Type<unknown>) {
  return new ValidationPipe({ ...validationPipeOptions(), expectedType: dto });
}

/**
 * The controller for one record type: list, create, read (now or as at), change,
 * delete, restore, revert, history, one version, diff. Built once per type so each
 * has real schemas in the OpenAPI document.
 */
export function recordController(kind: RecordKind): Type<unknown> {
  const dto = recordDtos(kind);
  const IF_MATCH = { name: 'If-Match', required: false, description: 'the version the change is based on, e.g. "3"' };
  const recordId = new ItemIdPipe('recordId');
  const key = (caseId: string, id: string) => ({ entityType: kind.type, caseId, entityId: id });

  @ApiTags(kind.path)
  @ApiBearerAuth()
  @Roles(...CASE_READERS)
  @ApiNotFoundResponse({ description: `no such case among your teams' cases, or no such ${kind.label}` })
  @ApiUnprocessableEntityResponse({ description: 'input breaks a rule; `errors` names each field (JSON Pointer) and rule' })
  @Controller({ path: `cases/:caseId/${kind.path}`, version: '1' })
  class RecordController {
    constructor(
      readonly records: RecordsService,
      readonly history: HistoryService,
    ) {}

    @Get()
    @ApiOperation({ summary: `The ${kind.label} records of a case, in id order` })
    @ApiOkResponse({ type: dto.Page })
    list(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Query() q: PageQueryDto) {
      return this.records.list(origin, caseId, kind.type, pageRequest(q));
    }

    @Roles(...CASE_WRITERS)

    @Post()
    @ApiOperation({ summary: `Record a new ${kind.label}` })
    @ApiBody({ type: dto.Create })
    @ApiCreatedResponse({ type: dto.View })
    @ApiConflictResponse({ description: 'ALREADY_EXISTS: the case has a record with this id' })
    create(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Body(bodyOf(dto.Create)) body: InstanceType<typeof dto.Create>) {
      return this.records.create(origin, caseId, kind.type, body.id, body.data, body.reason ?? null);
    }

    @Get(':recordId')
    @ApiOperation({ summary: `One ${kind.label}, now or as it stood at \`asOf\`` })
    @ApiOkResponse({ type: dto.View })
    @ApiGoneResponse({ description: 'the case was deleted' })
    get(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Param('recordId', recordId) id: string, @Query() q: AsOfQueryDto) {
      return this.records.get(origin, caseId, kind.type, id, q.asOf);
    }

    @Roles(...CASE_WRITERS)

    @Put(':recordId')
    @ApiOperation({ summary: `Change a ${kind.label}: the whole new state, based on a version` })
    @ApiHeader(IF_MATCH)
    @ApiBody({ type: dto.Update })
    @ApiOkResponse({ type: dto.View })
    @ApiConflictResponse({ description: 'STALE_VERSION: someone changed it since; the body has the current version and state' })
    @ApiGoneResponse({ description: 'the record is deleted: restore it first' })
    update(
      @Origin() origin: RequestOrigin,
      @Param('caseId', CaseIdPipe) caseId: string,
      @Param('recordId', recordId) id: string,
      @IfMatch() ifMatch: string | undefined,
      @Body(bodyOf(dto.Update)) body: InstanceType<typeof dto.Update>,
    ) {
      return this.records.update(origin, caseId, kind.type, id, basedOnVersion(ifMatch, body.version), body.data, body.reason ?? null);
    }

    @Roles(...CASE_WRITERS)

    @Delete(':recordId')
    @ApiOperation({ summary: `Delete a ${kind.label} (soft; can be restored)` })
    @ApiHeader(IF_MATCH)
    @ApiBody({ type: VersionedChangeDto, required: false })
    @ApiOkResponse({ type: dto.View })
    delete(
      @Origin() origin: RequestOrigin,
      @Param('caseId', CaseIdPipe) caseId: string,
      @Param('recordId', recordId) id: string,
      @IfMatch() ifMatch: string | undefined,
      @Body() body: VersionedChangeDto,
    ) {
      return this.records.delete(origin, caseId, kind.type, id, basedOnVersion(ifMatch, body?.version), body?.reason ?? null);
    }

    @Roles(...CASE_WRITERS)

    @Post(':recordId/restore')
    @HttpCode(200)
    @ApiOperation({ summary: `Restore a deleted ${kind.label} to its last state` })
    @ApiHeader(IF_MATCH)
    @ApiOkResponse({ type: dto.View })
    restore(
      @Origin() origin: RequestOrigin,
      @Param('caseId', CaseIdPipe) caseId: string,
      @Param('recordId', recordId) id: string,
      @IfMatch() ifMatch: string | undefined,
      @Body() body: VersionedChangeDto,
    ) {
      return this.records.restore(origin, caseId, kind.type, id, basedOnVersion(ifMatch, body?.version), body?.reason ?? null);
    }

    @Roles(...CASE_WRITERS)

    @Post(':recordId/revert')
    @HttpCode(200)
    @ApiOperation({ summary: `Write an earlier version of the ${kind.label} again, as a new revision` })
    @ApiHeader(IF_MATCH)
    @ApiOkResponse({ type: dto.View })
    revert(
      @Origin() origin: RequestOrigin,
      @Param('caseId', CaseIdPipe) caseId: string,
      @Param('recordId', recordId) id: string,
      @IfMatch() ifMatch: string | undefined,
      @Body() body: RevertDto,
    ) {
      return this.records.revert(origin, caseId, kind.type, id, basedOnVersion(ifMatch, body.version), body.toVersion, body.reason ?? null);
    }

    @Get(':recordId/history')
    @ApiOperation({ summary: `Revisions of the ${kind.label}, newest first` })
    @ApiOkResponse({ type: HistoryPageDto })
    historyPage(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Param('recordId', recordId) id: string, @Query() q: PageQueryDto) {
      return this.history.history(origin, key(caseId, id), pageRequest(q));
    }

    @Get(':recordId/versions/:version')
    @ApiOperation({ summary: `One version of the ${kind.label}` })
    @ApiOkResponse({ type: RevisionDto })
    version(
      @Origin() origin: RequestOrigin,
      @Param('caseId', CaseIdPipe) caseId: string,
      @Param('recordId', recordId) id: string,
      @Param('version', VersionPipe) version: number,
    ) {
      return this.history.version(origin, key(caseId, id), version);
    }

    @Get(':recordId/diff')
    @ApiOperation({ summary: `Field-level differences between two versions of the ${kind.label}` })
    @ApiOkResponse({ type: DiffDto })
    diff(@Origin() origin: RequestOrigin, @Param('caseId', CaseIdPipe) caseId: string, @Param('recordId', recordId) id: string, @Query() q: DiffQueryDto) {
      return this.history.diff(origin, key(caseId, id), q.from, q.to);
    }
  }

  return named(RecordController, `${kind.schemaName}Controller`);
}

