import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@mapwork/auth';
import { Clock } from '@mapwork/kernel';
import { IntegrityService } from './integrity.service';

class BrokenLinkDto {
  @ApiProperty() entityType!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ description: 'the first version of the chain that does not verify' }) version!: number;
  @ApiProperty({ enum: ['hash_mismatch', 'prev_hash_mismatch', 'version_gap', 'instant_not_increasing', 'unreadable_state'] }) problem!: string;
  @ApiProperty() detail!: string;
}

class IntegrityReportDto {
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty() chains!: number;
  @ApiProperty() revisions!: number;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [BrokenLinkDto] }) broken!: BrokenLinkDto[];
}

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin/integrity', version: '1' })
export class IntegrityController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Walk every revision chain and report the first broken link of each' })
  @ApiOkResponse({ type: IntegrityReportDto })
  verify() {
    return this.integrity.verify(this.clock.now());
  }
}
