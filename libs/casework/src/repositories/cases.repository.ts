import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { CaseEntity, LIKE_ESCAPE, TeamEntity, containsPattern } from '@mapwork/persistence';
import { CurrentStateStore, CurrentStateTable } from '@mapwork/revisions';
import { CaseState } from '../domain';

export interface CaseRow extends CaseEntity {
  teamName: string | null;
}

export interface CaseListFilter {
  teamIds: string[];
  site?: string;
  ref?: string;
  /** a child's name, a ref, or the worker's name or username: any part of it, in any case */
  q?: string;
  /** the allocated worker's user id */
  worker?: string;
  teamId?: string;
  stage?: string;
  /** true: not closed; false: closed */
  open?: boolean;
  includeDeleted?: boolean;
}

export function caseStateOf(row: CaseRow): CaseState {
  return {
    ref: row.ref,
    site: row.siteCode,
    team: row.teamName,
    worker: row.worker,
    stage: row.stage as CaseState['stage'],
    openedOn: row.openedOn,
    closedOn: row.closedOn,
    researchConsent: !!row.researchConsent,
  };
}

/** Queries on the current state of cases. */
@Injectable()
export class CasesRepository {
  private base(em: EntityManager) {
    return em
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .leftJoin(TeamEntity, 't', 't.id = c.team_id')
      .addSelect('t.name', 'team_name');
  }

  private async withTeam(qb: ReturnType<CasesRepository['base']>): Promise<CaseRow[]> {
    const { entities, raw } = await qb.getRawAndEntities();
    return entities.map((e, i) => Object.assign(e, { teamName: (raw[i] as { team_name: string | null }).team_name ?? null }));
  }

  async byId(em: EntityManager, id: string): Promise<CaseRow | null> {
    const [row] = await this.withTeam(this.base(em).where('c.id = :id', { id }));
    return row ?? null;
  }

  async bySiteRef(em: EntityManager, site: string, ref: string): Promise<CaseRow | null> {
    const [row] = await this.withTeam(this.base(em).where('c.site_code = :site AND c.ref = :ref', { site, ref }));
    return row ?? null;
  }

  async list(em: EntityManager, filter: CaseListFilter, page: number, pageSize: number): Promise<[CaseRow[], number]> {
    if (filter.teamIds.length === 0) return [[], 0];
    const qb = this.base(em).where('c.team_id IN (:...teamIds)', { teamIds: filter.teamIds });
    if (!filter.includeDeleted) qb.andWhere('c.deleted = :deleted', { deleted: false });
    if (filter.site) qb.andWhere('c.site_code = :site', { site: filter.site });
    if (filter.ref) qb.andWhere('c.ref = :ref', { ref: filter.ref });
    if (filter.worker) qb.andWhere('c.worker = :worker', { worker: filter.worker });
    if (filter.teamId) qb.andWhere('c.team_id = :teamId', { teamId: filter.teamId });
    if (filter.stage) qb.andWhere('c.stage = :stage', { stage: filter.stage });
    if (filter.open !== undefined) qb.andWhere(filter.open ? 'c.closed_on IS NULL' : 'c.closed_on IS NOT NULL');
    if (filter.q) {
      // the team filter above narrows the scan; the worker match goes through ix_cases_worker
      const like = `LIKE :q ${LIKE_ESCAPE}`;
      qb.andWhere(
        new Brackets((b) =>
          b
            .where(`LOWER(c.ref) ${like}`)
            .orWhere(`EXISTS (SELECT 1 FROM people p WHERE p.case_id = c.id AND p.role = 'child' AND p.deleted = :notDeleted AND LOWER(p.name) ${like})`)
            .orWhere(`c.worker IN (SELECT u.id FROM users u WHERE LOWER(u.display_name) ${like} OR LOWER(u.username) ${like})`),
        ),
        { q: containsPattern(filter.q), notDeleted: false },
      );
    }
    const total = await qb.clone().getCount();
    // (site, ref) is unique: a stable order across pages
    const rows = await this.withTeam(qb.orderBy('c.site_code').addOrderBy('c.ref').offset((page - 1) * pageSize).limit(pageSize));
    return [rows, total];
  }

  /** The cases table as verification reads it: each row as the case's state. */
  currentStateTable(): CurrentStateTable {
    return {
      name: 'cases',
      entityTypes: ['case'],
      caseIds: async (em) => (await em.getRepository(CaseEntity).find({ select: { id: true } })).map((r) => r.id),
      ofCases: async (em, caseIds) =>
        (await this.withTeam(this.base(em).where('c.id IN (:...caseIds)', { caseIds }))).map((row) => ({
          entityType: 'case',
          caseId: row.id,
          entityId: row.id,
          version: row.version,
          state: row.deleted ? null : caseStateOf(row),
        })),
    };
  }

  teamByName(em: EntityManager, site: string, name: string) {
    return em.getRepository(TeamEntity).findOne({ where: { siteCode: site, name } });
  }

  /** The case's own fields as a versioned store; `teamId` resolves a team name of the case's site. */
  store(caseId: string, teamId: (em: EntityManager, state: CaseState) => Promise<string | null>): CurrentStateStore<CaseState> {
    const repo = this;
    const columns = async (em: EntityManager, state: CaseState) => ({
      ref: state.ref,
      siteCode: state.site,
      teamId: await teamId(em, state),
      worker: state.worker,
      stage: state.stage,
      openedOn: state.openedOn,
      closedOn: state.closedOn,
      researchConsent: state.researchConsent,
    });
    return {
      label: 'case',
      key: { entityType: 'case', caseId, entityId: caseId },
      async load(em) {
        const row = await repo.byId(em, caseId);
        return row && { version: row.version, state: row.deleted ? null : caseStateOf(row) };
      },
      async insert(em, state, version = 1) {
        if (state === null) throw new Error('a new ' + this.label + ' needs a state');
        await em.getRepository(CaseEntity).insert({ id: caseId, ...(await columns(em, state)), version, deleted: false });
      },
      async write(em, expected, state, next = expected + 1) {
        const set = state === null ? { deleted: true } : { ...(await columns(em, state)), deleted: false };
        const result = await em
          .createQueryBuilder()
          .update(CaseEntity)
          .set({ ...set, version: next })
          .where('id = :id AND version = :expected', { id: caseId, expected })
          .execute();
        return result.affected === 1;
      },
    };
  }
}
