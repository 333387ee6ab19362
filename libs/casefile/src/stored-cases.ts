import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { CaseEntity, RevisionEntity, SiteEntity, TransactionRunner } from '@mapwork/persistence';
import { compareCodePoints } from '@mapwork/kernel';
import type { CaseState, PersonState, RecordData } from '@mapwork/casework';
import { RECORD_TYPES } from '@mapwork/revisions';
import { CaseFileCase, CaseFileRecord } from './format';

const BATCH = 200;

/**
 * The histories a case file is made of: the case, its people and the format's record
 * types. Anything else kept against a case (audits, evaluators' scoring sheets) is not
 * part of the case file and is never read here.
 */
const CASE_FILE_HISTORIES: readonly string[] = ['case', 'person', ...RECORD_TYPES];
const isRecordType = (t: string): t is CaseFileRecord['type'] => (RECORD_TYPES as readonly string[]).includes(t);

export interface StoredCaseFilter {
  /** one site, or every site */
  site?: string;
  /** only cases of these teams (by id); undefined for every case of the site */
  teamIds?: string[];
  consentedOnly?: boolean;
}

export interface StoredCase {
  id: string;
  site: string;
  teamId: string | null;
  file: CaseFileCase;
}

/** `…:SS.000Z` → `…:SSZ`: the shorter of two equal forms, as files usually write them. */
export function fileInstant(stored: string): string {
  return stored.endsWith('.000Z') ? `${stored.slice(0, 19)}Z` : stored;
}

/**
 * Stored cases read back in the interchange shape, with every revision: what export
 * writes and what fidelity over the database scores. Cases come in ref order (code
 * point), people and records in id order; reading goes in batches of cases.
 */
@Injectable()
export class StoredCaseFiles {
  constructor(private readonly tx: TransactionRunner) {}

  site(code: string): Promise<SiteEntity | null> {
    return this.tx.read((em) => em.getRepository(SiteEntity).findOne({ where: { code } }));
  }

  async *cases(filter: StoredCaseFilter): AsyncGenerator<StoredCase> {
    const rows = await this.tx.read((em) => {
      const where: Record<string, unknown> = { deleted: false };
      if (filter.site !== undefined) where.siteCode = filter.site;
      if (filter.teamIds) where.teamId = In(filter.teamIds.length ? filter.teamIds : ['-']);
      if (filter.consentedOnly) where.researchConsent = true;
      return em.getRepository(CaseEntity).find({ select: { id: true, ref: true, teamId: true, siteCode: true }, where });
    });
    rows.sort((a, b) => compareCodePoints(a.siteCode, b.siteCode) || compareCodePoints(a.ref, b.ref));
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const revisions = await this.tx.read((em) => this.revisionsOf(em, batch.map((r) => r.id)));
      for (const row of batch) {
        const file = assemble(revisions.get(row.id) ?? []);
        if (file) yield { id: row.id, site: row.siteCode, teamId: row.teamId, file };
      }
    }
  }

  /** One stored case with every revision, inside the caller's unit of work. */
  async one(em: EntityManager, caseId: string): Promise<CaseFileCase | null> {
    return assemble((await this.revisionsOf(em, [caseId])).get(caseId) ?? []);
  }

  private async revisionsOf(em: EntityManager, caseIds: string[]): Promise<Map<string, RevisionEntity[]>> {
    const all = await em
      .getRepository(RevisionEntity)
      .createQueryBuilder('r')
      .where('r.case_id IN (:...caseIds)', { caseIds })
      .andWhere('r.entity_type IN (:...types)', { types: CASE_FILE_HISTORIES })
      .orderBy('r.case_id')
      .addOrderBy('r.entity_type')
      .addOrderBy('r.entity_id')
      .addOrderBy('r.version')
      .getMany();
    const out = new Map<string, RevisionEntity[]>();
    for (const r of all) {
      const list = out.get(r.caseId);
      if (list) list.push(r);
      else out.set(r.caseId, [r]);
    }
    return out;
  }
}

/** One case from its revisions (in entity, version order). */
function assemble(revisions: RevisionEntity[]): CaseFileCase | null {
  let state: CaseState | null = null;
  const people = new Map<string, PersonState>();
  const records = new Map<string, CaseFileRecord>();
  for (const r of revisions) {
    const value = r.state === null ? null : JSON.parse(r.state);
    if (r.entityType === 'case') state = value;
    else if (r.entityType === 'person') {
      if (value) people.set(r.entityId, value);
    } else if (isRecordType(r.entityType)) {
      let record = records.get(r.entityId);
      if (!record) {
        record = { type: r.entityType, id: r.entityId, revisions: [] };
        records.set(r.entityId, record);
      }
      // an imported revision goes out with the author its source named, so export and import round-trip
      record.revisions.push({ at: fileInstant(r.at), by: r.sourceActor ?? r.actor, reason: r.reason, data: value as RecordData | null });
    }
  }
  if (!state) return null;
  return {
    ref: state.ref,
    team: state.team,
    worker: state.worker,
    stage: state.stage,
    openedOn: state.openedOn,
    closedOn: state.closedOn,
    researchConsent: state.researchConsent,
    people: [...people.values()].sort((a, b) => compareCodePoints(a.id, b.id)),
    records: [...records.values()].sort((a, b) => compareCodePoints(a.id, b.id)),
  };
}
