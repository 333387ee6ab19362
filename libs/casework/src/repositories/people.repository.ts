import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { PersonEntity } from '@mapwork/persistence';
import { CurrentStateStore, CurrentStateTable, caseKeyedTable } from '@mapwork/revisions';
import { PersonState } from '../domain';

export function personStateOf(row: PersonEntity): PersonState {
  return { id: row.personId, role: row.role as PersonState['role'], name: row.name, birthDate: row.birthDate, relationship: row.relationship };
}

/** Queries on the current state of the people of cases. */
@Injectable()
export class PeopleRepository {
  ofCase(em: EntityManager, caseId: string, includeDeleted = false): Promise<PersonEntity[]> {
    return em.getRepository(PersonEntity).find({ where: includeDeleted ? { caseId } : { caseId, deleted: false }, order: { personId: 'ASC' } });
  }

  /** The current people of several cases, by case. */
  async ofCases(em: EntityManager, caseIds: string[]): Promise<Map<string, PersonEntity[]>> {
    const out = new Map<string, PersonEntity[]>();
    for (let i = 0; i < caseIds.length; i += 500) {
      const rows = await em.getRepository(PersonEntity).find({ where: { caseId: In(caseIds.slice(i, i + 500)), deleted: false }, order: { personId: 'ASC' } });
      for (const row of rows) out.set(row.caseId, [...(out.get(row.caseId) ?? []), row]);
    }
    return out;
  }

  /** A page of the case's current people, in id order (ids are unique in a case), and how many there are. */
  pageOfCase(em: EntityManager, caseId: string, skip: number, take: number): Promise<[PersonEntity[], number]> {
    return em.getRepository(PersonEntity).findAndCount({ where: { caseId, deleted: false }, order: { personId: 'ASC' }, skip, take });
  }

  one(em: EntityManager, caseId: string, personId: string) {
    return em.getRepository(PersonEntity).findOne({ where: { caseId, personId } });
  }

  /** Roles of the case's current (not deleted) people, for the reference rules. */
  async roles(em: EntityManager, caseId: string): Promise<Map<string, string>> {
    return new Map((await this.ofCase(em, caseId)).map((p) => [p.personId, p.role]));
  }

  /** The people table as verification reads it. */
  currentStateTable(): CurrentStateTable {
    return caseKeyedTable('people', ['person'], PersonEntity, (row) => ({
      entityType: 'person',
      caseId: row.caseId,
      entityId: row.personId,
      version: row.version,
      state: row.deleted ? null : personStateOf(row),
    }));
  }

  store(caseId: string, personId: string): CurrentStateStore<PersonState> {
    const repo = this;
    const columns = (s: PersonState) => ({ role: s.role, name: s.name ?? null, birthDate: s.birthDate ?? null, relationship: s.relationship ?? null });
    return {
      label: `person ${personId}`,
      key: { entityType: 'person', caseId, entityId: personId },
      async load(em) {
        const row = await repo.one(em, caseId, personId);
        return row && { version: row.version, state: row.deleted ? null : personStateOf(row) };
      },
      async insert(em, state, version = 1) {
        if (state === null) throw new Error('a new ' + this.label + ' needs a state');
        await em.getRepository(PersonEntity).insert({ caseId, personId, ...columns(state), version, deleted: false });
      },
      async write(em, expected, state, next = expected + 1) {
        const set = state === null ? { deleted: true } : { ...columns(state), deleted: false };
        const result = await em
          .createQueryBuilder()
          .update(PersonEntity)
          .set({ ...set, version: next })
          .where('case_id = :caseId AND person_id = :personId AND version = :expected', { caseId, personId, expected })
          .execute();
        return result.affected === 1;
      },
    };
  }
}
