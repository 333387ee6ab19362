import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { canonicalJson } from '@mapwork/kernel';
import { AuditRoundEntity, CaseAuditEntity } from '@mapwork/persistence';
import { CurrentStateStore, CurrentStateTable, caseKeyedTable } from '@mapwork/revisions';
import { AuditState } from './audit';

/** Queries on audit rounds and case audits. */
@Injectable()
export class AuditsRepository {
  round(em: EntityManager, id: string) {
    return em.getRepository(AuditRoundEntity).findOne({ where: { id } });
  }
  rounds(em: EntityManager) {
    return em.getRepository(AuditRoundEntity).find({ order: { createdAt: 'DESC' } });
  }
  audit(em: EntityManager, id: string) {
    return em.getRepository(CaseAuditEntity).findOne({ where: { id } });
  }
  auditsOfRound(em: EntityManager, roundId: string) {
    return em.getRepository(CaseAuditEntity).find({ where: { roundId, deleted: false } });
  }
  auditsOfTeams(em: EntityManager, teamIds: string[]) {
    return teamIds.length ? em.getRepository(CaseAuditEntity).find({ where: { teamId: In(teamIds), deleted: false } }) : Promise.resolve([]);
  }
  auditsOf(em: EntityManager, userId: string) {
    return em.getRepository(CaseAuditEntity).find({ where: [{ workerId: userId, deleted: false }, { auditorId: userId, deleted: false }] });
  }

  /** The case audits table as verification reads it. */
  currentStateTable(): CurrentStateTable {
    return caseKeyedTable('case_audits', ['case_audit'], CaseAuditEntity, (row) => ({
      entityType: 'case_audit',
      caseId: row.caseId,
      entityId: row.id,
      version: row.version,
      state: row.deleted || !row.data ? null : JSON.parse(row.data),
    }));
  }

  store(audit: Pick<CaseAuditEntity, 'id' | 'caseId'>): CurrentStateStore<AuditState> {
    const repo = (em: EntityManager) => em.getRepository(CaseAuditEntity);
    return {
      label: 'case audit',
      key: { entityType: 'case_audit', caseId: audit.caseId, entityId: audit.id },
      async load(em) {
        const row = await repo(em).findOne({ where: { id: audit.id } });
        return row && { version: row.version, state: row.deleted || !row.data ? null : (JSON.parse(row.data) as AuditState) };
      },
      async insert() {
        throw new Error('case audits are created with their snapshot by the round draw');
      },
      async write(em, expected, state, next = expected + 1) {
        const result = await em
          .createQueryBuilder()
          .update(CaseAuditEntity)
          .set({ data: state === null ? null : canonicalJson(state), deleted: state === null, version: next })
          .where('id = :id AND version = :expected', { id: audit.id, expected })
          .execute();
        return result.affected === 1;
      },
    };
  }
}
