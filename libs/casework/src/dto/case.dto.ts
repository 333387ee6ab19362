import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { NAME_BESIDE_ID } from '@mapwork/auth';
import { IsCalendarDate, IsNestedObject, pageDto } from '@mapwork/kernel';
import { CASE_STAGES, PERSON_ROLES } from '../domain';
import { PageQueryDto, VersionedChangeDto } from './common.dto';

export class PersonFieldsDto {
  @ApiProperty({ enum: PERSON_ROLES }) @IsIn(PERSON_ROLES) role!: (typeof PERSON_ROLES)[number];
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) @IsOptional() @IsCalendarDate() birthDate?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'maternal grandmother' })
  @IsOptional() @IsString() @MaxLength(200) relationship?: string | null;
}

export class PersonInputDto extends PersonFieldsDto {
  @ApiProperty({ maxLength: 128, example: 'c1', description: 'unique within the case; records refer to people by it' })
  @IsString() @Length(1, 128) id!: string;
}

/** A person as a new case or a new person names them: the id is generated when absent. */
export class NewPersonDto extends PersonFieldsDto {
  @ApiPropertyOptional({ maxLength: 128, example: 'c1', description: 'unique within the case; records refer to people by it (generated when absent)' })
  @IsOptional() @IsString() @Length(1, 128) id?: string;
}

export class CreatePersonDto extends NewPersonDto {
  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true }) @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

export class UpdatePersonDto extends PersonFieldsDto {
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(999_999_999) version?: number;
  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true }) @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

class CaseFieldsDto extends VersionedChangeDto {
  @ApiProperty({ maxLength: 128, example: 'P9-0001', description: 'unique within the site' }) @IsString() @Length(1, 128) ref!: string;
  @ApiProperty({ maxLength: 200, example: 'Assessment Team A', description: 'name of one of your teams in the site' })
  @IsString() @Length(1, 200) team!: string;
  @ApiProperty({ enum: CASE_STAGES }) @IsIn(CASE_STAGES) stage!: (typeof CASE_STAGES)[number];
  @ApiProperty({ format: 'date' }) @IsCalendarDate() openedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) @IsOptional() @IsCalendarDate() closedOn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 128, description: 'user id of the allocated social worker (default: you)' })
  @IsOptional() @IsString() @Length(1, 128) worker?: string | null;
  @ApiPropertyOptional({ description: 'may evaluators use this case (pseudonymised)?', default: false })
  @IsOptional() @IsBoolean() researchConsent?: boolean;
}

export class CreateCaseDto extends OmitType(CaseFieldsDto, ['version'] as const) {
  @ApiProperty({ maxLength: 64, example: 'P9', description: 'code of the site' }) @IsString() @Length(1, 64) site!: string;
  @ApiPropertyOptional({ type: [NewPersonDto], description: 'the people of the case' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsNestedObject(() => NewPersonDto, { each: true }) people?: NewPersonDto[];
}

export class UpdateCaseDto extends CaseFieldsDto {}

export class CaseViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() ref!: string;
  @ApiProperty() site!: string;
  @ApiProperty({ nullable: true, type: String }) team!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'user id of the allocated worker' }) worker!: string | null;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) workerName!: string | null;
  @ApiProperty({ enum: CASE_STAGES }) stage!: string;
  @ApiProperty({ format: 'date' }) openedOn!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) closedOn!: string | null;
  @ApiProperty() researchConsent!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() deleted!: boolean;
}

export class PersonViewDto extends PersonInputDto {
  @ApiProperty() version!: number;
  @ApiPropertyOptional() deleted?: boolean;
}

export const PersonPageDto = pageDto(PersonViewDto, 'PersonPageDto', 'in id order');

export class RecordSummaryDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['mapping', 'safety_plan', 'network_meeting', 'child_voice'] }) type!: string;
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the record fields, as the interchange format names them' })
  data!: Record<string, unknown>;
}

export class CaseDocumentDto {
  @ApiProperty({ nullable: true, type: String, description: 'the instant the case is shown as at; null for now' }) asOf!: string | null;
  @ApiProperty({ type: CaseViewDto }) case!: CaseViewDto;
  @ApiProperty({ type: [PersonViewDto] }) people!: PersonViewDto[];
  @ApiProperty({ type: [RecordSummaryDto] }) records!: RecordSummaryDto[];
}

export class CasePageDto {
  @ApiProperty({ type: [CaseViewDto], description: 'in (site, ref) order' }) items!: CaseViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'site code (exact)' }) @IsOptional() @IsString() @Length(1, 64) site?: string;
  @ApiPropertyOptional({ description: 'case ref (exact)' }) @IsOptional() @IsString() @Length(1, 128) ref?: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'hartley', description: "text anywhere in a child's name, the ref, or the worker's name or username, in any case" })
  @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ description: 'user id of the allocated worker' }) @IsOptional() @IsString() @Length(1, 128) worker?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'one of your teams' }) @IsOptional() @IsUUID('all') teamId?: string;
  @ApiPropertyOptional({ enum: CASE_STAGES }) @IsOptional() @IsIn(CASE_STAGES) stage?: (typeof CASE_STAGES)[number];
  @ApiPropertyOptional({ description: 'true: cases not closed; false: closed cases' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() open?: boolean;
}
