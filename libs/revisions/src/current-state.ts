import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, FindOptionsWhere, In } from 'typeorm';
import { EntityType } from './revision.types';

/** A row of a current-state table as the state its history's latest revision must hold. */
export interface CurrentStateRow {
  entityType: string;
  caseId: string;
  entityId: string;
  version: number;
  /** null while deleted */
  state: unknown;
}

/**
 * A current-state table (cases, people, records, …) as verification reads it: the
 * module that owns the table says how a row maps to a state, so the rule lives once.
 */
export interface CurrentStateTable {
  /** the table, as findings name it */
  readonly name: string;
  readonly entityTypes: readonly EntityType[];
  /** every case with a row in the table */
  caseIds(em: EntityManager): Promise<string[]>;
  ofCases(em: EntityManager, caseIds: string[]): Promise<CurrentStateRow[]>;
}

/** A current-state table keyed by case (a `case_id` column), read as `toRow` says. */
export function caseKeyedTable<E extends { caseId: string }>(
  name: string,
  entityTypes: readonly EntityType[],
  entity: EntityTarget<E>,
  toRow: (row: E) => CurrentStateRow,
): CurrentStateTable {
  return {
    name,
    entityTypes,
    caseIds: async (em) => (await em.getRepository(entity).createQueryBuilder('t').select('DISTINCT t.case_id', 'case_id').getRawMany<{ case_id: string }>()).map((r) => r.case_id),
    ofCases: async (em, caseIds) => (await em.getRepository(entity).find({ where: { caseId: In(caseIds) } as FindOptionsWhere<E> })).map(toRow),
  };
}

/** The current-state tables verification compares with the latest revision of each history; owners register theirs. */
@Injectable()
export class CurrentStateTables {
  private readonly tables: CurrentStateTable[] = [];

  register(table: CurrentStateTable): void {
    if (!this.tables.some((t) => t.name === table.name)) this.tables.push(table);
  }

  list(): readonly CurrentStateTable[] {
    return this.tables;
  }
}
