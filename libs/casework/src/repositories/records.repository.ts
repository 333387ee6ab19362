import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseRecordEntity } from '@mapwork/persistence';
import { CurrentStateStore, CurrentStateTable, RECORD_TYPES, RecordType, caseKeyedTable } from '@mapwork/revisions';
import { canonicalJson } from '@mapwork/kernel';
import { RecordData } from '../domain';

/** Queries on the current state of mappings, safety plans, network meetings and child's-voice work. */
@Injectable()
export class RecordsRepository {
  ofCase(em: EntityManager, caseId: string, type?: RecordType): Promise<CaseRecordEntity[]> {
    return em.getRepository(CaseRecordEntity).find({
      where: type ? { caseId, type, deleted: false } : { caseId, deleted: false },
      order: { recordId: 'ASC' },
    });
  }

  /** A page of one type's current records, in id order (ids are unique in a case), and how many there are. */
  pageOfCase(em: EntityManager, caseId: string, type: RecordType, skip: number, take: number): Promise<[CaseRecordEntity[], number]> {
    return em.getRepository(CaseRecordEntity).findAndCount({ where: { caseId, type, deleted: false }, order: { recordId: 'ASC' }, skip, take });
  }

  one(em: EntityManager, caseId: string, recordId: string) {
    return em.getRepository(CaseRecordEntity).findOne({ where: { caseId, recordId } });
  }

  async recordIds(em: EntityManager, caseId: string): Promise<Set<string>> {
    const rows = await em.getRepository(CaseRecordEntity).find({ select: { recordId: true }, where: { caseId } });
    return new Set(rows.map((r) => r.recordId));
  }

  /** The records table as verification reads it. */
  currentStateTable(): CurrentStateTable {
    return caseKeyedTable('case_records', RECORD_TYPES, CaseRecordEntity, (row) => ({
      entityType: row.type,
      caseId: row.caseId,
      entityId: row.recordId,
      version: row.version,
      state: row.deleted || row.data === null ? null : JSON.parse(row.data),
    }));
  }

  store(caseId: string, type: RecordType, recordId: string, label: string): CurrentStateStore<RecordData> {
    const repo = this;
    return {
      label: `${label} ${recordId}`,
      key: { entityType: type, caseId, entityId: recordId },
      async load(em) {
        const row = await repo.one(em, caseId, recordId);
        if (!row || row.type !== type) return null;
        return { version: row.version, state: row.deleted || row.data === null ? null : (JSON.parse(row.data) as RecordData) };
      },
      async insert(em, state, version = 1) {
        await em.getRepository(CaseRecordEntity).insert({ caseId, recordId, type, data: state === null ? null : canonicalJson(state), version, deleted: state === null });
      },
      async write(em, expected, state, next = expected + 1) {
        const result = await em
          .createQueryBuilder()
          .update(CaseRecordEntity)
          .set({ data: state === null ? null : canonicalJson(state), deleted: state === null, version: next })
          .where('case_id = :caseId AND record_id = :recordId AND type = :type AND version = :expected', { caseId, recordId, type, expected })
          .execute();
        return result.affected === 1;
      },
    };
  }
}
