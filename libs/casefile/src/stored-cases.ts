import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { CaseEntity, RevisionEntity, SiteEntity, TransactionRunner, dialectOf } from '@mapwork/persistence';
import { compareCodePoints } from '@mapwork/kernel';
import type { CaseState, PersonState, RecordData } from '@mapwork/casework';
import type { FidelityCase, FidelityRecord, FidelityRevision } from '@mapwork/fidelity';
import { RECORD_TYPES } from '@mapwork/revisions';
import { CaseFileCase, CaseFileRecord } from './format';

const BATCH = 200;

/**
 * The histories a case file is made of: the case, its people and the format's record
 * types. Anything else kept against a case (audits, evaluators' scoring sheets) is not
 * part of the case file and is never read here.
 */
const CASE_FILE_HISTORIES: readonly string[] = ['case', 'person', ...RECORD_TYPES];
/** What scoring reads: the case and its records (never its people). */
const SCORED_HISTORIES: readonly string[] = ['case', ...RECORD_TYPES];
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

/** A stored case as scoring reads it, with its id. */
export interface StoredScoringCase {
  id: string;
  case: FidelityCase;
}

/** A row of `revisions` as scoring reads it: no hashes, users or reasons. */
interface ScoringRow {
  case_id: string;
  entity_type: string;
  entity_id: string;
  at: string;
  state: string | null;
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
    for (const batch of await this.caseBatches(filter)) {
      const revisions = await this.tx.read((em) => this.revisionsOf(em, batch.map((r) => r.id)));
      for (const row of batch) {
        const file = assemble(revisions.get(row.id) ?? []);
        if (file) yield { id: row.id, site: row.siteCode, teamId: row.teamId, file };
      }
    }
  }

  /**
   * Stored cases as fidelity scoring reads them, in the same order as `cases`: the case's
   * current ref, team, worker and opening, and its records' revisions up to `upTo` (a
   * normalised instant). Raw rows, a batch of cases at a time, and only the columns scoring
   * needs: the revisions after `upTo` are never read.
   */
  async *forScoring(filter: StoredCaseFilter, upTo: string): AsyncGenerator<StoredScoringCase> {
    for (const batch of await this.caseBatches(filter)) {
      const rows = await this.tx.read((em) => this.scoringRowsOf(em, batch.map((r) => r.id), upTo));
      // rows come in case id order, cases in ref order
      const ranges = new Map<string, [number, number]>();
      for (let from = 0, to = 0; from < rows.length; from = to) {
        while (to < rows.length && rows[to].case_id === rows[from].case_id) to++;
        ranges.set(rows[from].case_id, [from, to]);
      }
      for (const row of batch) {
        const [from, to] = ranges.get(row.id) ?? [0, 0];
        const c = scoringCase(rows, from, to, row.siteCode);
        if (c) yield { id: row.id, case: c };
      }
    }
  }

  /** The ids of the cases in scope, in site and ref order (code point), in batches. */
  private async caseBatches(filter: StoredCaseFilter): Promise<Array<Pick<CaseEntity, 'id' | 'siteCode' | 'teamId'>[]>> {
    const rows = await this.tx.read((em) => {
      const where: Record<string, unknown> = { deleted: false };
      if (filter.site !== undefined) where.siteCode = filter.site;
      if (filter.teamIds) where.teamId = In(filter.teamIds.length ? filter.teamIds : ['-']);
      if (filter.consentedOnly) where.researchConsent = true;
      return em.getRepository(CaseEntity).find({ select: { id: true, ref: true, teamId: true, siteCode: true }, where });
    });
    rows.sort((a, b) => compareCodePoints(a.siteCode, b.siteCode) || compareCodePoints(a.ref, b.ref));
    const batches = [];
    for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
    return batches;
  }

  /**
   * What scoring reads of a batch of cases, in case, entity, version order: the current
   * state of each case; of each safety plan its revisions up to `upTo` (a review is read
   * from the plan's history); of every other record of the case file only the revision
   * current at `upTo`, which is all scoring reads of it.
   */
  private scoringRowsOf(em: EntityManager, caseIds: string[], upTo: string): Promise<ScoringRow[]> {
    const pg = dialectOf(em.connection) === 'postgres';
    const p = (i: number) => (pg ? `$${i + 1}` : '?');
    const list = (from: number, n: number) => Array.from({ length: n }, (_, i) => p(from + i)).join(', ');
    return em.query(
      `SELECT case_id, entity_type, entity_id, at, state FROM (
         SELECT case_id, entity_type, entity_id, version, at, state,
                ROW_NUMBER() OVER (PARTITION BY case_id, entity_type, entity_id ORDER BY version DESC) AS newest
         FROM revisions
         WHERE case_id IN (${list(0, caseIds.length)})
           AND entity_type IN (${list(caseIds.length, SCORED_HISTORIES.length)})
           AND (entity_type = 'case' OR at <= ${p(caseIds.length + SCORED_HISTORIES.length)})
       ) r
       WHERE newest = 1 OR entity_type = 'safety_plan'
       ORDER BY case_id, entity_type, entity_id, version`,
      [...caseIds, ...SCORED_HISTORIES, upTo], // in the order of the placeholders: SQLite's ? are positional
    );
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

/** One case for scoring from its rows `from`…`to` (in entity, version order); null if it has no state. */
function scoringCase(rows: ScoringRow[], from: number, to: number, site: string): FidelityCase | null {
  let state: string | null = null;
  const records: FidelityRecord[] = [];
  let revisions: FidelityRevision[] = [];
  for (let i = from; i < to; i++) {
    const r = rows[i];
    if (r.entity_type === 'case') {
      state = r.state; // the last one is the current state
      continue;
    }
    if (i === from || rows[i - 1].entity_id !== r.entity_id || rows[i - 1].entity_type !== r.entity_type) {
      revisions = [];
      records.push({ type: r.entity_type, id: r.entity_id, revisions });
    }
    revisions.push({ at: r.at, data: r.state === null ? null : JSON.parse(r.state) });
  }
  if (state === null) return null;
  const c = JSON.parse(state) as CaseState;
  return { ref: c.ref, site, team: c.team, worker: c.worker, openedOn: c.openedOn, records };
}
