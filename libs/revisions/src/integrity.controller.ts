import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AccessEvent, AuthUser, CurrentUser, Roles } from '@mapwork/auth';
import { Clock } from '@mapwork/kernel';
import { CheckpointsService } from './checkpoints.service';
import { IntegrityService } from './integrity.service';

class FindingDto {
  @ApiProperty({ enum: ['revisions', 'heads', 'current_state', 'access_log', 'checkpoints', 'seal'] }) area!: string;
  @ApiProperty({ example: 'mac_mismatch', description: 'what is wrong; the README lists every kind' }) problem!: string;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional() entityType?: string;
  @ApiPropertyOptional() caseId?: string;
  @ApiPropertyOptional() entityId?: string;
  @ApiPropertyOptional({ description: 'the version concerned (for a broken chain, the first that does not verify)' }) version?: number;
  @ApiPropertyOptional({ description: 'access-log segment' }) segment?: string;
  @ApiPropertyOptional({ description: 'position in the access-log segment, or entry number' }) position?: number;
  @ApiPropertyOptional({ description: 'the checkpoint whose record shows it' }) checkpoint?: number;
}

class SealSummaryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() database!: string;
  @ApiProperty({ description: 'revisions written before the seal, vouched for by the signed heads and checkpoints' }) legacyRevisions!: number;
  @ApiProperty({ description: 'access-log entries written before the seal, vouched for by its digest' }) legacyAccessEntries!: number;
}

class CheckpointSummaryDto {
  @ApiProperty({ nullable: true, type: String }) file!: string | null;
  @ApiProperty() inFile!: number;
  @ApiProperty() inDatabase!: number;
  @ApiProperty({ nullable: true, type: 'object', properties: { n: { type: 'integer' }, at: { type: 'string', format: 'date-time' } } }) latest!: { n: number; at: string } | null;
}

class IntegrityReportDto {
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: SealSummaryDto, nullable: true }) seal!: SealSummaryDto | null;
  @ApiProperty() chains!: number;
  @ApiProperty() revisions!: number;
  @ApiProperty({ type: 'object', properties: { entries: { type: 'integer' }, segments: { type: 'integer' } } }) accessLog!: { entries: number; segments: number };
  @ApiProperty({ type: CheckpointSummaryDto }) checkpoints!: CheckpointSummaryDto;
  @ApiProperty({ type: 'object', properties: { tables: { type: 'array', items: { type: 'string' } } } }) currentState!: { tables: string[] };
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
}

class CheckpointDto {
  @ApiProperty() n!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({ type: 'object', properties: { through: { type: 'integer' }, count: { type: 'integer' } } }) revisions!: { through: number; count: number };
}

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin/integrity', version: '1' })
export class IntegrityController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly checkpoints: CheckpointsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @AccessEvent('admin.integrity.verify')
  @ApiOperation({
    summary: 'Verify the tamper evidence: revision chains and MACs, signed heads, current state, access log, checkpoints',
    description: 'Each finding names what it concerns (history and version, access-log segment and position, checkpoint) and what is wrong. `ok` is true when there is none.',
  })
  @ApiOkResponse({ type: IntegrityReportDto })
  verify() {
    return this.integrity.verify(this.clock.now());
  }

  @Post('checkpoints')
  @HttpCode(201)
  @AccessEvent('admin.integrity.checkpoint')
  @ApiOperation({ summary: 'Write a checkpoint now (the server also writes one every CHECKPOINT_INTERVAL_SECONDS and at shutdown)' })
  @ApiCreatedResponse({ type: CheckpointDto })
  async checkpoint(@CurrentUser() user: AuthUser) {
    const line = (await this.checkpoints.write('request', `admin ${user.id}`, { force: true }))!;
    return { n: line.n, at: line.at, hash: line.hash, revisions: line.revisions };
  }
}
