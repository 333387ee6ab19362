import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessLogService, outcomeOf } from '@mapwork/auth';
import { CasesRepository, CasesService, CaseState, PeopleRepository, PersonState, RecordsService, caseStateOf, cleanPerson } from '@mapwork/casework';
import { FieldProblem, ForbiddenError, InvalidInputError, canonicalJson, instantToMillis, normaliseInstant } from '@mapwork/kernel';
import { RevisionEntity, SiteEntity, TeamEntity, TransactionRunner } from '@mapwork/persistence';
import { RecordType, RevisionsService } from '@mapwork/revisions';
import { CaseFileCase, CaseFileHeader, CaseFileRecord } from './format';
import { CaseFileSource, MalformedJsonError, scanCaseFile } from './read';
import { caseProblems, headerProblems } from './validation';

/**
 * Who is importing: admins import anywhere; evaluators only into evaluation workspaces.
 * The importer is the author of every revision the import writes (a user's id, or a
 * named system actor for the command line and the demo loader).
 */
export interface Importer {
  id: string;
  role: string;
}

export interface ImportSummary {
  site: string;
  siteCreated: boolean;
  cases: { created: number; merged: number; unchanged: number };
  people: { added: number };
  revisions: { added: number; alreadyStored: number };
}

class RejectedFile extends InvalidInputError {
  constructor(problems: FieldProblem[]) {
    super(problems, `the file was rejected (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was stored`);
  }
}

const sameJson = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Imports `sofs-casefile/1` files into the same tables the API writes, every revision
 * with its original instant and user. A file is checked whole first (streamed, so a
 * large file is never held in memory) and written in one transaction; importing the
 * same file again changes nothing, and a later export of the same site adds what is new.
 */
@Injectable()
export class CaseFileImportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: CasesService,
    private readonly casesRepository: CasesRepository,
    private readonly people: PeopleRepository,
    private readonly records: RecordsService,
    private readonly revisions: RevisionsService,
    private readonly accessLog: AccessLogService,
  ) {}

  /** Every problem of a file (none for a valid one) and its own fields; reads it once, streaming. */
  async check(source: CaseFileSource): Promise<{ problems: FieldProblem[]; header: Record<string, unknown> | null }> {
    const problems: FieldProblem[] = [];
    const refs = new Set<string>();
    try {
      const header = await scanCaseFile(source, (value, index) => {
        problems.push(...caseProblems(value, index, refs));
      });
      return { problems: [...headerProblems(header), ...problems], header };
    } catch (e) {
      if (e instanceof MalformedJsonError) return { problems: [{ pointer: '', rule: 'json', message: e.message }], header: null };
      throw e;
    }
  }

  /**
   * Imports a file as `importer`, who is the author of every revision written (the
   * file's own author of each record revision is kept as its source). The import is
   * logged with the cases it touched, or with why it failed.
   */
  async import(source: CaseFileSource, importer: Importer): Promise<ImportSummary> {
    let site: string | null = null;
    try {
      const checked = await this.check(source);
      if (checked.problems.length) throw new RejectedFile(checked.problems);
      const header = checked.header as unknown as CaseFileHeader;
      site = header.site.code;
      return await this.tx.write(async (em) => {
        const summary: ImportSummary = {
          site: header.site.code,
          siteCreated: false,
          cases: { created: 0, merged: 0, unchanged: 0 },
          people: { added: 0 },
          revisions: { added: 0, alreadyStored: 0 },
        };
        const touched: string[] = [];
        summary.siteCreated = await this.ensureSite(em, header, importer);
        await scanCaseFile(source, async (value, index) => {
          touched.push(await this.importCase(em, header, value as CaseFileCase, index, importer.id, summary));
        });
        const { cases: c, revisions: r } = summary;
        await this.accessLog.append(em, {
          event: 'import',
          userId: importer.id.slice(0, 36),
          cases: touched,
          detail: `site ${summary.site}: ${c.created} cases created, ${c.merged} merged, ${c.unchanged} unchanged; ${r.added} revisions added`,
        });
        return summary;
      });
    } catch (error) {
      const why = error instanceof InvalidInputError ? `${error.problems.length} problems` : (error as Error).message;
      await this.accessLog.append(null, { event: 'import', userId: importer.id.slice(0, 36), outcome: outcomeOf(error), detail: `${site ? `site ${site}: ` : ''}rejected: ${why}` });
      throw error;
    }
  }

  private async ensureSite(em: EntityManager, header: CaseFileHeader, importer: Importer): Promise<boolean> {
    const repo = em.getRepository(SiteEntity);
    const site = await repo.findOne({ where: { code: header.site.code } });
    if (site) {
      if (importer.role !== 'admin' && site.kind !== 'evaluation') {
        throw new ForbiddenError(`site ${site.code} is live recording, not an evaluation workspace: only an admin may import into it`);
      }
      return false;
    }
    await repo.insert({ code: header.site.code, name: header.site.name ?? null, kind: importer.role === 'admin' ? 'live' : 'evaluation' });
    return true;
  }

  /** Teams are named in case files; a name new to the site becomes a team of it. */
  private async ensureTeam(em: EntityManager, site: string, team: string | null | undefined): Promise<void> {
    if (team === null || team === undefined) return;
    const repo = em.getRepository(TeamEntity);
    if (!(await repo.findOne({ where: { siteCode: site, name: team } }))) await repo.insert({ id: randomUUID(), siteCode: site, name: team });
  }

  /** Imports one case; returns its id. */
  private async importCase(em: EntityManager, header: CaseFileHeader, c: CaseFileCase, index: number, importActor: string, summary: ImportSummary): Promise<string> {
    const site = header.site.code;
    const base = `/cases/${index}`;
    await this.ensureTeam(em, site, c.team);
    const state: CaseState = {
      ref: c.ref,
      site,
      team: c.team ?? null,
      worker: c.worker ?? null,
      stage: c.stage as CaseState['stage'],
      openedOn: c.openedOn,
      closedOn: c.closedOn ?? null,
      researchConsent: c.researchConsent ?? false,
    };
    // the case and its people exist from the earlier of its opening and its first revision
    const firstAt = c.records.flatMap((r) => r.revisions.map((v) => instantToMillis(v.at))).reduce((a, b) => Math.min(a, b), Infinity);
    const openedAt = Math.min(Date.parse(`${c.openedOn}T00:00:00.000Z`), firstAt);
    const since = new Date(openedAt).toISOString();

    const existing = await this.casesRepository.bySiteRef(em, site, c.ref);
    let caseId: string;
    let changed = false;
    if (!existing) {
      caseId = randomUUID();
      await this.cases.writeNewCase(em, caseId, state, c.people.map(cleanPerson), { actor: importActor, reason: 'imported', at: since });
      summary.people.added += c.people.length;
      summary.cases.created++;
    } else {
      caseId = existing.id;
      if (existing.deleted) throw new RejectedFile([{ pointer: `${base}/ref`, rule: 'caseDeleted', message: `case ${c.ref} was deleted here; restore it before importing into it` }]);
      if (!sameJson(caseStateOf(existing), state)) {
        const last = await em.getRepository(RevisionEntity).findOne({ where: { entityType: 'case', caseId, entityId: caseId }, order: { version: 'DESC' } });
        const at = normaliseInstant(header.exportedAt);
        if (last && at <= last.at) {
          throw new RejectedFile([{ pointer: base, rule: 'caseChangedInOlderFile', message: `case ${c.ref} differs from what is stored, and the file is not newer than the stored case` }]);
        }
        await this.revisions.update(em, this.cases.store(caseId), existing.version, state, { actor: importActor, reason: 'updated by import', at });
        changed = true;
      }
      for (const [j, person] of c.people.entries()) {
        const stored = await this.people.one(em, caseId, person.id);
        if (!stored) {
          await this.revisions.create(em, this.people.store(caseId, person.id), cleanPerson(person), { actor: importActor, reason: 'imported', at: since });
          summary.people.added++;
          changed = true;
        } else {
          const storedState = await this.revisions.latest<PersonState>(em, this.people.store(caseId, person.id).key);
          if (!sameJson(storedState?.state, cleanPerson(person))) {
            throw new RejectedFile([{ pointer: `${base}/people/${j}`, rule: 'personChanged', message: `person ${person.id} differs from the stored one` }]);
          }
        }
      }
    }
    for (const [j, record] of c.records.entries()) {
      changed = (await this.importRecord(em, caseId, record, `${base}/records/${j}`, summary, !existing, importActor)) || changed;
    }
    if (existing) {
      if (changed) summary.cases.merged++;
      else summary.cases.unchanged++;
    }
    return caseId;
  }

  /** Skips revisions already stored, appends later ones, rejects anything else. */
  private async importRecord(em: EntityManager, caseId: string, record: CaseFileRecord, base: string, summary: ImportSummary, newCase: boolean, importActor: string): Promise<boolean> {
    const type = record.type as RecordType;
    const store = this.records.store(caseId, type, record.id);
    let stored: RevisionEntity[] = [];
    if (!newCase) {
      const row = await em.getRepository(RevisionEntity).findOne({ where: { caseId, entityId: record.id }, order: { version: 'ASC' } });
      if (row && row.entityType !== type) {
        throw new RejectedFile([{ pointer: `${base}/type`, rule: 'recordTypeChanged', message: `record ${record.id} is stored as a ${row.entityType}` }]);
      }
      if (row) stored = await em.getRepository(RevisionEntity).find({ where: { caseId, entityType: type, entityId: record.id }, order: { version: 'ASC' } });
    }
    if (record.revisions.length < stored.length) {
      throw new RejectedFile([{ pointer: `${base}/revisions`, rule: 'missingRevision', message: `record ${record.id} has ${stored.length} stored revisions but the file has ${record.revisions.length}` }]);
    }
    for (let k = 0; k < stored.length; k++) {
      const ours = stored[k];
      const theirs = record.revisions[k];
      const same =
        ours.at === normaliseInstant(theirs.at) &&
        (ours.sourceActor ?? ours.actor) === theirs.by &&
        (ours.reason ?? null) === (theirs.reason ?? null) &&
        sameJson(ours.state === null ? null : JSON.parse(ours.state), theirs.data);
      if (!same) {
        throw new RejectedFile([{ pointer: `${base}/revisions/${k}`, rule: 'storedRevisionDiffers', message: `revision ${k} of record ${record.id} differs from the one stored` }]);
      }
    }
    summary.revisions.alreadyStored += stored.length;
    const fresh = record.revisions.slice(stored.length).map((r) => ({ at: r.at, actor: importActor, sourceActor: r.by, reason: r.reason ?? null, state: r.data }));
    await this.revisions.replay(em, store, stored.length, fresh);
    summary.revisions.added += fresh.length;
    return fresh.length > 0;
  }
}
