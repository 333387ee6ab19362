import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NameBook, UserNames } from '@mapwork/auth';
import { FieldProblem, InvalidInputError, NotFoundError, Page, PageRequest, compareCodePoints } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { ChangeContext, RECORD_TYPES, RecordType, RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin } from '../case-access.service';
import { newItemId } from '../item-ids';
import { CaseStage, CaseState, PersonState, RecordData } from '../domain';
import { CasesRepository, CaseListFilter } from '../repositories/cases.repository';
import { PeopleRepository } from '../repositories/people.repository';
import { RecordsRepository } from '../repositories/records.repository';
import { CaseDocument, CaseView, caseView, personView, recordView } from './views';

export interface NewCase {
  site: string;
  ref: string;
  team: string;
  stage: CaseStage;
  openedOn: string;
  closedOn?: string | null;
  worker?: string | null;
  researchConsent?: boolean;
  /** people without an id get a new one */
  people?: Array<Omit<PersonState, 'id'> & { id?: string }>;
}

export type CaseChanges = Omit<NewCase, 'site' | 'people'>;

/** Cases: open, change, delete, restore, revert; read now or as at an instant. */
@Injectable()
export class CasesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: CasesRepository,
    private readonly people: PeopleRepository,
    private readonly records: RecordsRepository,
    private readonly revisions: RevisionsService,
    private readonly access: CaseAccessService,
    private readonly names: UserNames,
  ) {}

  async create(origin: RequestOrigin, input: NewCase, reason: string | null): Promise<CaseDocument> {
    this.access.assertRoleMay(origin.user, 'write');
    return this.tx.write(async (em) => {
      const state = this.stateOf(input.site, input, origin);
      await this.checkTeamOfUser(em, origin, state);
      await this.checkRefFree(em, state.site, state.ref, null);
      const given = input.people ?? [];
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      given.forEach((p, i) => {
        if (p.id === undefined) return;
        if (seen.has(p.id)) problems.push({ pointer: `/people/${i}/id`, rule: 'uniqueInCase', message: `person id ${p.id} is used twice` });
        seen.add(p.id);
      });
      if (problems.length) throw new InvalidInputError(problems);
      // people without an id get a new one, as PeopleService.create gives them
      const people = given.map((p) => {
        if (p.id !== undefined) return p as PersonState;
        const id = newItemId('person', seen);
        seen.add(id);
        return { ...p, id };
      });
      const caseId = randomUUID();
      const ctx: ChangeContext = { actor: origin.user.id, reason };
      await this.writeNewCase(em, caseId, state, people, ctx);
      await this.access.open(em, origin, caseId, 'write');
      return this.named(em, await this.document(em, caseId));
    });
  }

  /** Writes a new case (a fresh id) and its people, without access checks: for the API, seeds and imports. */
  async writeNewCase(em: EntityManager, caseId: string, state: CaseState, people: PersonState[], ctx: ChangeContext): Promise<void> {
    const first = (s: CaseState | PersonState) => [{ at: ctx.at, actor: ctx.actor, reason: ctx.reason ?? null, state: s }];
    await this.revisions.replay(em, this.store(caseId), 0, first(state));
    for (const person of people) await this.revisions.replay(em, this.people.store(caseId, person.id), 0, first(cleanPerson(person)));
  }

  /** Cases of the user's teams, in (site, ref) order, each with its worker's name. */
  list(origin: RequestOrigin, filter: Omit<CaseListFilter, 'teamIds'>, p: PageRequest): Promise<Page<CaseView>> {
    this.access.assertRoleMay(origin.user, 'read');
    return this.tx.read(async (em) => {
      const [rows, total] = await this.cases.list(em, { ...filter, teamIds: origin.user.teamIds }, p.page, p.pageSize);
      this.access.touched(rows.map((r) => r.id));
      const names = await this.names.book(em, rows.map((r) => r.worker));
      return { items: rows.map((r) => withWorkerName(caseView(r), names)), total, ...p };
    });
  }

  get(origin: RequestOrigin, caseId: string, asOf?: string): Promise<CaseDocument> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read', { allowDeleted: !!asOf });
      return this.named(em, asOf ? await this.documentAsOf(em, caseId, asOf) : await this.document(em, caseId));
    });
  }

  private async named(em: EntityManager, doc: CaseDocument): Promise<CaseDocument> {
    return { ...doc, case: withWorkerName(doc.case, await this.names.book(em, [doc.case.worker])) };
  }

  update(origin: RequestOrigin, caseId: string, basedOn: number, changes: CaseChanges, reason: string | null): Promise<CaseView> {
    return this.tx.write(async (em) => {
      const row = await this.access.open(em, origin, caseId, 'write');
      const state = this.stateOf(row.siteCode, changes, origin);
      await this.checkTeamOfUser(em, origin, state);
      await this.checkRefFree(em, state.site, state.ref, caseId);
      await this.revisions.update(em, this.store(caseId), basedOn, state, { actor: origin.user.id, reason });
      return this.view(em, caseId);
    });
  }

  delete(origin: RequestOrigin, caseId: string, basedOn: number, reason: string | null): Promise<CaseView> {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write', { allowDeleted: true });
      await this.revisions.delete(em, this.store(caseId), basedOn, { actor: origin.user.id, reason });
      return this.view(em, caseId);
    });
  }

  restore(origin: RequestOrigin, caseId: string, basedOn: number, reason: string | null): Promise<CaseView> {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write', { allowDeleted: true });
      await this.revisions.restore(em, this.store(caseId), basedOn, { actor: origin.user.id, reason });
      return this.view(em, caseId);
    });
  }

  revert(origin: RequestOrigin, caseId: string, basedOn: number, toVersion: number, reason: string | null): Promise<CaseView> {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write', { allowDeleted: true });
      await this.revisions.revert(em, this.store(caseId), basedOn, toVersion, { actor: origin.user.id, reason }, async (state) => {
        await this.checkTeamOfUser(em, origin, state);
        await this.checkRefFree(em, state.site, state.ref, caseId);
      });
      return this.view(em, caseId);
    });
  }

  store(caseId: string) {
    return this.cases.store(caseId, async (em, state) => {
      if (state.team === null) return null;
      const team = await this.cases.teamByName(em, state.site, state.team);
      if (!team) throw InvalidInputError.single('/team', 'teamOfSite', `site ${state.site} has no team called ${state.team}`);
      return team.id;
    });
  }

  private stateOf(site: string, input: CaseChanges, origin: RequestOrigin): CaseState {
    return {
      ref: input.ref,
      site,
      team: input.team,
      // the worker who opens a case is its allocated worker unless another is named
      worker: input.worker === undefined ? origin.user.id : input.worker,
      stage: input.stage,
      openedOn: input.openedOn,
      closedOn: input.closedOn ?? null,
      researchConsent: input.researchConsent ?? false,
    };
  }

  private async checkTeamOfUser(em: EntityManager, origin: RequestOrigin, state: CaseState) {
    const team = state.team === null ? null : await this.cases.teamByName(em, state.site, state.team);
    if (!team || !origin.user.teamIds.includes(team.id)) {
      throw InvalidInputError.single('/team', 'teamOfYours', `${state.team ?? 'no team'} is not one of your teams in site ${state.site}`);
    }
  }

  /**
   * Refs are unique in the site (the interchange format needs it), so a ref in use cannot
   * be taken; the answer is the same whether the case holding it is one the user may see,
   * another team's or a deleted one, and names neither the case nor its team.
   */
  private async checkRefFree(em: EntityManager, site: string, ref: string, self: string | null) {
    const other = await this.cases.bySiteRef(em, site, ref);
    if (other && other.id !== self) throw InvalidInputError.single('/ref', 'uniqueInSite', 'this ref cannot be used: choose another (refs are unique in the site)');
  }

  /** The case after a change, with its worker's name. */
  private async view(em: EntityManager, caseId: string): Promise<CaseView> {
    const row = await this.cases.byId(em, caseId);
    if (!row) throw new NotFoundError('case', { caseId });
    return withWorkerName(caseView(row), await this.names.book(em, [row.worker]));
  }

  async document(em: EntityManager, caseId: string): Promise<CaseDocument> {
    const row = await this.cases.byId(em, caseId);
    if (!row) throw new NotFoundError('case', { caseId });
    const [c, people, records] = [caseView(row), await this.people.ofCase(em, caseId), await this.records.ofCase(em, caseId)];
    return { asOf: null, case: c, people: people.map(personView), records: records.map(recordView) };
  }

  async documentAsOf(em: EntityManager, caseId: string, asOf: string): Promise<CaseDocument> {
    const revisions = await this.revisions.caseAsOf(em, caseId, asOf);
    const own = revisions.find((r) => r.entityType === 'case');
    if (!own || own.state === null) throw new NotFoundError(`case as at ${asOf}`, { caseId, asOf });
    const current = await this.cases.byId(em, caseId);
    const state = own.state as CaseState;
    const teamId = state.team === null ? null : ((await this.cases.teamByName(em, state.site, state.team))?.id ?? current?.teamId ?? null);
    const live = revisions.filter((r) => r.state !== null).sort((a, b) => compareCodePoints(a.entityId, b.entityId));
    return {
      asOf,
      case: { id: caseId, ...state, teamId, version: own.version, deleted: false },
      people: live.filter((r) => r.entityType === 'person').map((r) => ({ ...(r.state as PersonState), version: r.version })),
      records: live
        .filter((r) => (RECORD_TYPES as readonly string[]).includes(r.entityType))
        .map((r) => ({ caseId, type: r.entityType as RecordType, id: r.entityId, version: r.version, data: r.state as RecordData })),
    };
  }
}

function withWorkerName(c: CaseView, names: NameBook): CaseView {
  return { ...c, workerName: names.name(c.worker) };
}

/** A person's state with absent optional fields written as null, so every revision has the same keys. */
export function cleanPerson(p: PersonState): PersonState {
  return { id: p.id, role: p.role, name: p.name ?? null, birthDate: p.birthDate ?? null, relationship: p.relationship ?? null };
}
