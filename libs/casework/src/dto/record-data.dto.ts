import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate, IsNestedObject } from '@mapwork/kernel';
import { CHILD_VOICE_TOOLS, MAPPING_KINDS, MEETING_STATUSES, PERSON_ROLES, SAFETY_PLAN_STATUSES } from '../domain';

/** Lists are bounded so one request cannot ask for unbounded work. */
const MAX_ITEMS = 500;
const TEXT = 20000;

export class ItemDto {
  @ApiProperty({ maxLength: TEXT }) @IsString() @MaxLength(TEXT) text!: string;
}

export class ParticipantDto {
  @ApiPropertyOptional({ description: 'id of a person of the case; their role must equal `role`', maxLength: 128 })
  @IsOptional() @IsString() @Length(1, 128) personId?: string;

  @ApiProperty({ enum: PERSON_ROLES }) @IsIn(PERSON_ROLES) role!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'health visitor' })
  @IsOptional() @IsString() @MaxLength(200) label?: string | null;
}

export class DangerStatementDto {
  @ApiProperty({ maxLength: 128, example: 'd1' }) @IsString() @Length(1, 128) id!: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'who is worried' })
  @IsOptional() @IsString() @MaxLength(2000) worriedWho?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT, description: 'what the worrying behaviour is' })
  @IsOptional() @IsString() @MaxLength(TEXT) behaviour?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT, description: 'what could happen to the child if nothing changes' })
  @IsOptional() @IsString() @MaxLength(TEXT) impact?: string | null;
  @ApiProperty({ maxLength: TEXT }) @IsString() @MaxLength(TEXT) text!: string;
}

export class SafetyGoalDto {
  @ApiProperty({ maxLength: 128, example: 'g1' }) @IsString() @Length(1, 128) id!: string;
  @ApiProperty({ maxLength: TEXT }) @IsString() @MaxLength(TEXT) text!: string;
  @ApiProperty({ type: [String], description: 'ids of the danger statements of this mapping the goal addresses' })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsString({ each: true }) @Length(1, 128, { each: true }) addresses!: string[];
}

export class NextStepDto {
  @ApiProperty({ maxLength: TEXT }) @IsString() @MaxLength(TEXT) text!: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'free text: who will do it' })
  @IsOptional() @IsString() @MaxLength(200) owner?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) @IsOptional() @IsCalendarDate() dueOn?: string | null;
}

export class ScaleRatingDto {
  @ApiProperty({ enum: PERSON_ROLES }) @IsIn(PERSON_ROLES) raterRole!: string;
  @ApiPropertyOptional({ maxLength: 128 }) @IsOptional() @IsString() @Length(1, 128) personId?: string;
  @ApiProperty({ minimum: 0, maximum: 10, description: '10 = safe enough to close; 0 = the child cannot stay at home' })
  @IsInt() @Min(0) @Max(10) score!: number;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT }) @IsOptional() @IsString() @MaxLength(TEXT) reason?: string | null;
}

export class MappingDataDto {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() heldOn!: string;
  @ApiProperty({ enum: MAPPING_KINDS }) @IsIn(MAPPING_KINDS) kind!: string;
  @ApiProperty({ type: [ParticipantDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => ParticipantDto, { each: true }) participants!: ParticipantDto[];
  @ApiProperty({ type: [ItemDto], description: 'past harm: what has happened to the child' })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => ItemDto, { each: true }) harm!: ItemDto[];
  @ApiProperty({ type: [ItemDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => ItemDto, { each: true }) complicatingFactors!: ItemDto[];
  @ApiProperty({ type: [ItemDto], description: 'what is working well' })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => ItemDto, { each: true }) existingStrengths!: ItemDto[];
  @ApiProperty({ type: [ItemDto], description: 'strengths shown as protection, when the danger was present' })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => ItemDto, { each: true }) existingSafety!: ItemDto[];
  @ApiProperty({ type: [DangerStatementDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => DangerStatementDto, { each: true }) dangerStatements!: DangerStatementDto[];
  @ApiProperty({ type: [SafetyGoalDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => SafetyGoalDto, { each: true }) safetyGoals!: SafetyGoalDto[];
  @ApiProperty({ type: [NextStepDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => NextStepDto, { each: true }) nextSteps!: NextStepDto[];
  @ApiProperty({ type: [ScaleRatingDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => ScaleRatingDto, { each: true }) scaleRatings!: ScaleRatingDto[];
}

export class SafetyRuleDto {
  @ApiProperty({ maxLength: TEXT }) @IsString() @MaxLength(TEXT) text!: string;
  @ApiProperty({ type: [String], description: 'ids of the people of the case who make sure the rule is kept' })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsString({ each: true }) @Length(1, 128, { each: true }) ensuredBy!: string[];
}

export class NetworkMemberDto {
  @ApiProperty({ maxLength: 128 }) @IsString() @Length(1, 128) personId!: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) commitment?: string | null;
}

export class SafetyPlanDataDto {
  @ApiProperty({ enum: SAFETY_PLAN_STATUSES }) @IsIn(SAFETY_PLAN_STATUSES) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) @IsOptional() @IsCalendarDate() agreedOn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'set when a review confirms the plan' })
  @IsOptional() @IsCalendarDate() lastReviewedOn?: string | null;
  @ApiProperty({ type: [SafetyRuleDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => SafetyRuleDto, { each: true }) rules!: SafetyRuleDto[];
  @ApiProperty({ type: [NetworkMemberDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => NetworkMemberDto, { each: true }) network!: NetworkMemberDto[];
  @ApiPropertyOptional({ type: [String], description: 'safety goals the plan serves' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsString({ each: true }) @Length(1, 128, { each: true }) goalIds?: string[];
  @ApiPropertyOptional({ description: "written with and in the words of the family" })
  @IsOptional() @IsBoolean() familyWords?: boolean;
}

export class NetworkMeetingDataDto {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() heldOn!: string;
  @ApiProperty({ enum: MEETING_STATUSES }) @IsIn(MEETING_STATUSES) status!: string;
  @ApiProperty({ type: [ParticipantDto] })
  @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsNestedObject(() => ParticipantDto, { each: true }) attendees!: ParticipantDto[];
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT }) @IsOptional() @IsString() @MaxLength(TEXT) purpose?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT }) @IsOptional() @IsString() @MaxLength(TEXT) outcome?: string | null;
}

export class AttachmentRefDto {
  @ApiProperty({ maxLength: 255, example: 'three-houses.png' }) @IsString() @MaxLength(255) name!: string;
  @ApiProperty({ maxLength: 127, example: 'image/png' }) @IsString() @MaxLength(127) mediaType!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of bytes uploaded to this case first' })
  @IsString() @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' }) sha256!: string;
}

export class ChildVoiceDataDto {
  @ApiProperty({ enum: CHILD_VOICE_TOOLS }) @IsIn(CHILD_VOICE_TOOLS) tool!: string;
  @ApiProperty({ maxLength: 128, description: 'id of a person of the case whose role is child' })
  @IsString() @Length(1, 128) childId!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() completedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT }) @IsOptional() @IsString() @MaxLength(TEXT) summary?: string | null;
  @ApiPropertyOptional({ type: AttachmentRefDto, nullable: true })
  @IsOptional() @IsNestedObject(() => AttachmentRefDto) attachment?: AttachmentRefDto | null;
}
