import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NAME_BESIDE_ID } from '@mapwork/auth';
import { IsInstant } from '@mapwork/kernel';

export class ChangeReasonDto {
  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true, description: 'why the change was made; kept in the history' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

/** A change based on a version: If-Match: "<version>" or this body field. */
export class VersionedChangeDto extends ChangeReasonDto {
  @ApiPropertyOptional({ minimum: 1, description: 'the version this change is based on (or send If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  version?: number;
}

export class RevertDto extends VersionedChangeDto {
  @ApiProperty({ minimum: 1, description: 'the version whose state is written again as a new revision' })
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  toVersion!: number;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2020-03-31T12:00:00Z', description: 'show it as it stood at this UTC instant' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export { PageQueryDto } from '@mapwork/kernel';

export class DiffQueryDto {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  from!: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  to!: number;
}

/** Who recorded an imported revision in the system it came from, and when. */
export class SourceAuthorDto {
  @ApiProperty({ description: "the source system's author id (a user id here when the file came from mapwork)" }) by!: string;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) byName!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RevisionDto {
  @ApiProperty({ enum: ['case', 'person', 'mapping', 'safety_plan', 'network_meeting', 'child_voice'] }) entityType!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'user id of who made the change: for an imported revision, the user who imported it' }) by!: string;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) byName!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: () => SourceAuthorDto, nullable: true, description: 'for an imported revision: recorded in the source system by `by` at `at`; null for a revision written here' })
  source!: SourceAuthorDto | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'the whole state; null for a deletion' })
  state!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) prevHash!: string | null;
  @ApiProperty() hash!: string;
}

export class HistoryPageDto {
  @ApiProperty({ type: [RevisionDto], description: 'newest first' }) items!: RevisionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class LastChangeDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) byName!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: () => SourceAuthorDto, nullable: true, description: 'for an imported revision: recorded in the source system by `by` at `at`; null for a revision written here' })
  source!: SourceAuthorDto | null;
}

export class RevisionMetaDto {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ nullable: true, type: String, description: NAME_BESIDE_ID }) byName!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: () => SourceAuthorDto, nullable: true, description: 'for an imported revision: recorded in the source system by `by` at `at`; null for a revision written here' })
  source!: SourceAuthorDto | null;
  @ApiProperty() deleted!: boolean;
}

/** A value of a record's state: any JSON value, null included. */
const ANY_VALUE = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true }],
};

export class StateChangeDto {
  @ApiProperty({ enum: ['added', 'removed', 'changed', 'reordered'] }) op!: string;
  @ApiProperty({ example: '$.dangerStatements[id="d1"].text', description: 'JSON path; list items with an id are matched by id' })
  path!: string;
  @ApiProperty({
    description: 'the path as segments: a key, a list position, or { id } for a list item matched by id',
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'object', properties: { id: { type: 'string' } } }] },
  })
  segments!: unknown[];
  @ApiPropertyOptional({ ...ANY_VALUE, description: 'added: the new value' }) value?: unknown;
  @ApiPropertyOptional({ description: 'added to a list: position in the new list' }) index?: number;
  @ApiPropertyOptional({ ...ANY_VALUE, description: 'removed or changed: the old value' }) oldValue?: unknown;
  @ApiPropertyOptional({ ...ANY_VALUE, description: 'changed: the new value' }) newValue?: unknown;
  @ApiPropertyOptional({ type: [String], description: 'reordered: ids of the kept items in their new order' }) order?: string[];
}

export class DiffDto {
  @ApiProperty({ type: RevisionMetaDto }) from!: RevisionMetaDto;
  @ApiProperty({ type: RevisionMetaDto }) to!: RevisionMetaDto;
  @ApiProperty({ type: [StateChangeDto] }) changes!: StateChangeDto[];
}
