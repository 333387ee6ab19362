import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * One page of a list that can grow: the items in a stable order (every list sorts on a
 * unique key last, so pages never repeat or skip an item), and how many there are in all.
 */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Which page: `?page=` (from 1) and `?pageSize=` (at most 200). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** The page asked for, with the defaults filled in. */
export function pageRequest(q: PageQueryDto | undefined): PageRequest {
  return { page: q?.page ?? 1, pageSize: q?.pageSize ?? DEFAULT_PAGE_SIZE };
}

/** Rows to skip before the page. */
export function pageOffset(p: PageRequest): number {
  return (p.page - 1) * p.pageSize;
}

/** A page of a list already in memory (already in its stable order). */
export function pageOfList<T>(all: readonly T[], p: PageRequest): Page<T> {
  const from = pageOffset(p);
  return { items: all.slice(from, from + p.pageSize), total: all.length, page: p.page, pageSize: p.pageSize };
}

/** The OpenAPI schema of a page of `item`, named `name`. */
export function pageDto(item: ClassType<unknown>, name: string, order: string): ClassType<unknown> {
  class PageDto {
    @ApiProperty({ type: [item], description: order }) items!: unknown[];
    @ApiProperty({ description: 'how many items there are in all' }) total!: number;
    @ApiProperty({ minimum: 1 }) page!: number;
    @ApiProperty({ minimum: 1, maximum: MAX_PAGE_SIZE }) pageSize!: number;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
