import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { canonicalJson } from '@mapwork/kernel';
import { ScoringSheetEntity } from '@mapwork/persistence';
import { CurrentStateStore, CurrentStateTable, caseKeyedTable } from '@mapwork/revisions';
import { ScoringSheet } from './agreement';

/** Queries on the current state of scoring sheets. */
@Injectable()
export class ScoringSheetsRepository {
  async ofRaters(em: EntityManager, caseIds: string[], raterIds: string[]): Promise<ScoringSheetEntity[]> {
    if (!caseIds.length || !raterIds.length) return [];
    const out: ScoringSheetEntity[] = [];
    for (let i = 0; i < caseIds.length; i += 500) {
      out.push(...(await em.getRepository(ScoringSheetEntity).find({ where: { caseId: In(caseIds.slice(i, i + 500)), raterId: In(raterIds), deleted: false } })));
    }
    return out;
  }

  /** The scoring sheets table as verification reads it. */
  currentStateTable(): CurrentStateTable {
    return caseKeyedTable('scoring_sheets', ['scoring_sheet'], ScoringSheetEntity, (row) => ({
      entityType: 'scoring_sheet',
      caseId: row.caseId,
      entityId: row.raterId,
      version: row.version,
      state: row.deleted || !row.data ? null : JSON.parse(row.data),
    }));
  }

  store(caseId: string, raterId: string): CurrentStateStore<ScoringSheet> {
    const repo = (em: EntityManager) => em.getRepository(ScoringSheetEntity);
    return {
      label: 'scoring sheet',
      key: { entityType: 'scoring_sheet', caseId, entityId: raterId },
      async load(em) {
        const row = await repo(em).findOne({ where: { caseId, raterId } });
        return row && { version: row.version, state: row.deleted || !row.data ? null : (JSON.parse(row.data) as ScoringSheet) };
      },
      async insert(em, state, version = 1) {
        await repo(em).insert({ caseId, raterId, data: state === null ? null : canonicalJson(state), version, deleted: state === null });
      },
      async write(em, expected, state, next = expected + 1) {
        const result = await em
          .createQueryBuilder()
          .update(ScoringSheetEntity)
          .set({ data: state === null ? null : canonicalJson(state), deleted: state === null, version: next })
          .where('case_id = :caseId AND rater_id = :raterId AND version = :expected', { caseId, raterId, expected })
          .execute();
        return result.affected === 1;
      },
    };
  }
}
