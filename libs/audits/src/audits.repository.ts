import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { canonicalJson } from '@mapwork/kernel';
import { AuditRoundEntity, CaseAuditEntity } from '@mapwork/persistence';
import { CurrentStateStore, CurrentStateTable, caseKeyedTable } from '@mapwork/revisions';
import { AuditState, auditState } from './audit';

/** Queries on audit rounds and case audits. */
@Injectable()
export class AuditsRepository {
  round(em: EntityManager, id: string) {
    return em.getRepository(AuditRoundEntity).findOne({ where: { id } });
  }
  /** Every round, newest first (the id breaks ties). */
  rounds(em: EntityManager) {
    return em.getRepository(AuditRoundEntity).find({ order: { createdAt: 'DESC', id: 'ASC' } });
  }
  audit(em: EntityManager, id: string) {
    return em.getRepository(CaseAuditEntity).findOne({ where: { id } });
  }
  auditsOfRound(em: EntityManager, roundId: string) {
    return em.getRepository(CaseAuditEntity).find({ where: { roundId, deleted: false } });
  }
  auditsOfRounds(em: EntityManager, roundIds: string[]) {
    return roundIds.length ? em.getRepository(CaseAuditEntity).find({ where: { roundId: In(roundIds), deleted: false } }) : Promise.resolve([]);
  }
  /** A page of a round's audits in (site, ref, id) order, and how many there are. */
  pageOfRound(em: EntityManager, roundId: string, skip: number, take: number) {
    return em.getRepository(CaseAuditEntity).findAndCount({ where: { roundId, deleted: false }, order: { siteCode: 'ASC', caseRef: 'ASC', id: 'ASC' }, skip, take });
  }
  auditsOfTeams(em: EntityManager, teamIds: string[]) {
    return teamIds.length ? em.getRepository(CaseAuditEntity).find({ where: { teamId: In(teamIds), deleted: false } }) : Promise.resolve([]);
  }
  /**
   * A page of the audits a user takes part in (as auditor or worker) or, with `teamIds`,
   * of those teams: newest round first, then (site, ref), with the audit id last so the
   * order is total.
   */
  async pageOfParticipant(em: EntityManager, userId: string, teamIds: string[], skip: number, take: number): Promise<[CaseAuditEntity[], number]> {
    const qb = em
      .getRepository(CaseAuditEntity)
      .createQueryBuilder('a')
      .innerJoin(AuditRoundEntity, 'r', 'r.id = a.round_id')
      .where('a.deleted = :deleted', { deleted: false })
      .andWhere(
        new Brackets((b) => {
          b.where('a.worker_id = :userId', { userId }).orWhere('a.auditor_id = :userId', { userId });
          if (teamIds.length) b.orWhere('a.team_id IN (:...teamIds)', { teamIds });
        }),
      );
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id').addOrderBy('a.site_code').addOrderBy('a.case_ref').addOrderBy('a.id').offset(skip).limit(take).getMany();
    return [rows, total];
  }
  setWorker(em: EntityManager, id: string, workerId: string) {
    return em.getRepository(CaseAuditEntity).update({ id }, { workerId });
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
        return row && { version: row.version, state: row.deleted || !row.data ? null : auditState(row.data) };
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
