import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, Page, PageRequest, pageOffset } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin, changeBy } from '../case-access.service';
import { PersonState } from '../domain';
import { newItemId } from '../item-ids';
import { PeopleRepository } from '../repositories/people.repository';
import { cleanPerson } from './cases.service';
import { ReferencesService } from './references.service';
import { PersonView, notAsAt, personView } from './views';

/** The people of a case. A person still named by a record cannot be removed or given another role. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly people: PeopleRepository,
    private readonly revisions: RevisionsService,
    private readonly access: CaseAccessService,
    private readonly references: ReferencesService,
  ) {}

  list(origin: RequestOrigin, caseId: string, p: PageRequest): Promise<Page<PersonView>> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read');
      const [rows, total] = await this.people.pageOfCase(em, caseId, pageOffset(p), p.pageSize);
      return { items: rows.map(personView), total, ...p };
    });
  }

  get(origin: RequestOrigin, caseId: string, personId: string, asOf?: string): Promise<PersonView> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read', { allowDeleted: !!asOf });
      const store = this.people.store(caseId, personId);
      if (asOf) {
        const rev = await this.revisions.asOf<PersonState>(em, store.key, asOf);
        if (!rev?.state) throw notAsAt(store.label, asOf);
        return { ...rev.state, version: rev.version };
      }
      return this.view(em, caseId, personId);
    });
  }

  /** Adds a person; without an id they get a new one (`person-<hex>`). */
  create(origin: RequestOrigin, caseId: string, person: Omit<PersonState, 'id'> & { id?: string }, reason: string | null): Promise<PersonView> {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      const id = person.id ?? newItemId('person', new Set((await this.people.ofCase(em, caseId, true)).map((p) => p.personId)));
      await this.revisions.create(em, this.people.store(caseId, id), cleanPerson({ ...person, id }), changeBy(origin, reason));
      return this.view(em, caseId, id);
    });
  }

  update(origin: RequestOrigin, caseId: string, personId: string, basedOn: number, person: Omit<PersonState, 'id'>, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      const state = cleanPerson({ ...person, id: personId });
      await this.assertRecordsStillFit(em, caseId, personId, state.role);
      await this.revisions.update(em, this.people.store(caseId, personId), basedOn, state, changeBy(origin, reason));
      return this.view(em, caseId, personId);
    });
  }

  delete(origin: RequestOrigin, caseId: string, personId: string, basedOn: number, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      await this.assertRecordsStillFit(em, caseId, personId, null);
      await this.revisions.delete(em, this.people.store(caseId, personId), basedOn, changeBy(origin, reason));
      return this.view(em, caseId, personId);
    });
  }

  restore(origin: RequestOrigin, caseId: string, personId: string, basedOn: number, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      await this.revisions.restore(em, this.people.store(caseId, personId), basedOn, changeBy(origin, reason));
      return this.view(em, caseId, personId);
    });
  }

  revert(origin: RequestOrigin, caseId: string, personId: string, basedOn: number, toVersion: number, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      await this.revisions.revert(em, this.people.store(caseId, personId), basedOn, toVersion, changeBy(origin, reason), (state) =>
        this.assertRecordsStillFit(em, caseId, personId, state.role),
      );
      return this.view(em, caseId, personId);
    });
  }

  private async assertRecordsStillFit(em: EntityManager, caseId: string, personId: string, role: string | null) {
    const people = await this.people.roles(em, caseId);
    if (role === null) people.delete(personId);
    else people.set(personId, role);
    const problems = await this.references.problemsWithPeople(em, caseId, people);
    if (problems.length) {
      throw new ConflictError(`person ${personId} is named by records of this case in a way this change would break`, {
        code: 'PERSON_REFERENCED',
        errors: problems,
      });
    }
  }

  private async view(em: EntityManager, caseId: string, personId: string): Promise<PersonView> {
    const row = await this.people.one(em, caseId, personId);
    if (!row) throw new NotFoundError(`person ${personId}`);
    return personView(row);
  }
}

