import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { IsInstant, IsOmittable, PageQueryDto, pageDto } from '@mapwork/kernel';
import { USER_ROLES, UserRole } from '@mapwork/persistence';
import { ACCESS_INTERFACES } from '../access-context';
import { ACCESS_EVENTS, ACCESS_OUTCOMES } from '../access-log-entry';
import { PublicUserDto } from './auth.dto';

/**
 * A phone number as people write it, in the UK or abroad: 7 to 15 digits (E.164 allows
 * 15), an optional leading +, and spaces, brackets or dashes between them.
 */
export const PHONE_PATTERN = /^(?=(?:\D*\d){7,15}\D*$)\+?\(?\d[\d ()-]*\d$/;

/** Email and phone, for creating or changing a user: how families and colleagues reach them. */
class ContactDetailsDto {
  @ApiPropertyOptional({ format: 'email', maxLength: 254, nullable: true, type: String, example: 'sam.okafor@example.org', description: 'printed on the family safety plans of the cases the user holds; null removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ maxLength: 32, nullable: true, type: String, pattern: PHONE_PATTERN.source, example: '020 7946 0321', description: 'UK or international, e.g. 020 7946 0321 or +44 20 7946 0321; null removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number: 7 to 15 digits, an optional leading +, spaces, brackets or dashes' })
  phone?: string | null;
}

export class CreateSiteDto {
  @ApiProperty({ example: 'P9', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiPropertyOptional({ type: String, example: 'Pilot 9', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  name?: string | null;

  @ApiPropertyOptional({ enum: ['live', 'evaluation'], default: 'live', description: 'an evaluation workspace receives imported case files' })
  @IsOptional()
  @IsIn(['live', 'evaluation'])
  kind?: 'live' | 'evaluation';
}

export class SiteDto {
  @ApiProperty() code!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ enum: ['live', 'evaluation'] }) kind!: string;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'P9', description: 'code of the site the team belongs to' })
  @IsString()
  @Length(1, 64)
  site!: string;

  @ApiProperty({ example: 'Assessment Team A' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class TeamDto {
  @ApiProperty() id!: string;
  @ApiProperty() site!: string;
  @ApiProperty() name!: string;
}

export class CreateUserDto extends ContactDetailsDto {
  @ApiProperty({ example: 'sam.worker', description: 'letters, digits, dot, dash, underscore' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2-64 letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty({ example: 'Sam Worker' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiProperty({ minLength: 12, format: 'password' })
  @IsString()
  @Length(12, 1024, { message: 'password must be at least 12 characters' })
  password!: string;

  @ApiPropertyOptional({ type: [String], description: 'ids of the teams the user works in' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  teamIds?: string[];
}

export class UpdateUserDto extends ContactDetailsDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOmittable()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ minLength: 12, format: 'password', description: 'a new password; signs the user out everywhere' })
  @IsOmittable()
  @IsString()
  @Length(12, 1024, { message: 'password must be at least 12 characters' })
  password?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  teamIds?: string[];

  @ApiPropertyOptional({ description: 'a disabled user cannot sign in; their tokens stop working' })
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;
}

/** A user as admins see them: with their contact details. */
export class AdminUserDto extends PublicUserDto {
  @ApiProperty({ nullable: true, type: String, format: 'email' }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
}

export const UserPageDto = pageDto(AdminUserDto, 'UserPageDto', 'in username order');

export class AccessLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'entries of this user' })
  @IsOptional()
  @IsUUID('all')
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'entries that touched this case (alone, or among the cases of a list or report)' })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'entries at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'entries at or before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: ACCESS_INTERFACES })
  @IsOptional()
  @IsIn(ACCESS_INTERFACES)
  interface?: string;

  @ApiPropertyOptional({ enum: ACCESS_EVENTS })
  @IsOptional()
  @IsIn(ACCESS_EVENTS)
  event?: string;

  @ApiPropertyOptional({ enum: ACCESS_OUTCOMES })
  @IsOptional()
  @IsIn(ACCESS_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: every matching entry (no paging), newest first' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class AccessLogEntryDto {
  @ApiProperty({ description: "the entry's number: later entries have higher numbers" }) seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when nobody was signed in (a failed sign-in of an unknown name, a request without a valid token)' }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the display name of the user' }) userName!: string | null;
  @ApiProperty({ enum: ACCESS_EVENTS }) event!: string;
  @ApiProperty({ enum: ACCESS_OUTCOMES }) outcome!: string;
  @ApiProperty({ enum: ACCESS_INTERFACES }) interface!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the client address, as TRUST_PROXY allows it to be known' }) address!: string | null;
  @ApiProperty({ example: 'GET /api/v1/cases/…' }) route!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the case, when exactly one was touched' }) caseId!: string | null;
  @ApiProperty({ description: 'how many cases the entry touched' }) caseCount!: number;
  @ApiProperty({ type: [String], description: 'the cases touched (the first 100; the CSV lists all)' }) cases!: string[];
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
}

export const AccessLogPageDto = pageDto(AccessLogEntryDto, 'AccessLogPageDto', 'newest first');
