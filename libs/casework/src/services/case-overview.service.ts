import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersRepository } from '@mapwork/auth';
import { Clock, compareCodePoints } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { RecordType, RevisionMeta, RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin } from '../case-access.service';
import { CaseSummary, summariseCase } from '../case-summary';
import { CasesRepository } from '../repositories/cases.repository';
import { PeopleRepository } from '../repositories/people.repository';
import { RecordsRepository } from '../repositories/records.repository';
import { CasesService } from './cases.service';
import { CaseDocument, CaseView, PersonView, RecordView, caseView, recordView } from './views';

/** The most cases one caseload lists (a team's open cases are far fewer). */
const CASELOAD_LIMIT = 2000;

export interface LastChange {
  at: string;
  by: string;
  /** display name of who made it (their user id when the user is unknown) */
  byName: string;
  reason: string | null;
}

export interface CaseloadEntry extends CaseSummary {
  case: CaseView;
}

/** A case as its page shows it: its people, and its records newest change first, each with that change. */
export interface CaseOverview extends CaseDocument {
  people: Array<PersonView & { lastChange: LastChange | null }>;
  records: Array<RecordView & { lastChange: LastChange | null }>;
  /** display name of the allocated worker */
  workerName: string | null;
  summary: CaseSummary;
}

/**
 * Cases as people working on them see them: a caseload with what is due and overdue,
 * and one case with who changed what last. The same role, team and access-log rules as
 * every read of a case: each case shown is a logged read.
 */
@Injectable()
export class CaseOverviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly people: PeopleRepository,
    private readonly records: RecordsRepository,
    private readonly users: UsersRepository,
    private readonly revisions: RevisionsService,
    private readonly casesService: CasesService,
    private readonly access: CaseAccessService,
  ) {}

  /**
   * The cases of the user's teams whose reference or child's name contains `search`
   * (ignoring case), in reference order, a page at a time. The search runs here over
   * the teams' cases until the case list query takes a search of its own; then this
   * lists one page of that query instead.
   */
  caseload(origin: RequestOrigin, search: string | undefined, page: number, pageSize: number) {
    this.access.assertRoleMay(origin.user, 'read');
    const today = this.clock.now().slice(0, 10);
    return this.tx.read(async (em) => {
      const [rows] = await this.cases.list(em, { teamIds: origin.user.teamIds }, 1, CASELOAD_LIMIT);
      const people = await this.people.ofCases(em, rows.map((r) => r.id));
      const needle = search?.trim().toLowerCase();
      const matching = needle
        ? rows.filter((r) => r.ref.toLowerCase().includes(needle) || (people.get(r.id) ?? []).some((p) => p.role === 'child' && p.name?.toLowerCase().includes(needle)))
        : rows;
      const shown = matching.slice((page - 1) * pageSize, page * pageSize);
      const items: CaseloadEntry[] = [];
      for (const row of shown) {
        await this.access.open(em, origin, row.id, 'read');
        const records = (await this.records.ofCase(em, row.id)).map(recordView);
        const casePeople = (people.get(row.id) ?? []).map((p) => ({ id: p.personId, role: p.role as PersonView['role'], name: p.name }));
        items.push({ case: caseView(row), ...summariseCase({ people: casePeople, records }, today) });
      }
      return { items, total: matching.length, page, pageSize };
    });
  }

  /** One case for its page (a logged read). */
  get(origin: RequestOrigin, caseId: string): Promise<CaseOverview> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read');
      const doc = await this.casesService.document(em, caseId);
      const changes = await this.revisions.lastChangesOfCase(em, caseId);
      const names = await this.displayNames(em, [...changes.map((c) => c.by), ...(doc.case.worker ? [doc.case.worker] : [])]);
      const lastChange = (type: string, id: string): LastChange | null => {
        const c = changes.find((x: RevisionMeta) => x.entityType === type && x.entityId === id);
        return c ? { at: c.at, by: c.by, byName: names.get(c.by) ?? c.by, reason: c.reason } : null;
      };
      const records = doc.records
        .map((r) => ({ ...r, lastChange: lastChange(r.type, r.id) }))
        .sort((a, b) => compareCodePoints(b.lastChange?.at ?? '', a.lastChange?.at ?? ''));
      return {
        ...doc,
        people: doc.people.map((p) => ({ ...p, lastChange: lastChange('person', p.id) })),
        records,
        workerName: doc.case.worker ? (names.get(doc.case.worker) ?? doc.case.worker) : null,
        summary: summariseCase({ people: doc.people, records: doc.records as Array<{ type: RecordType; id: string; data: RecordView['data'] }> }, this.clock.now().slice(0, 10)),
      };
    });
  }

  private async displayNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const users = await this.users.usersByIds(em, [...new Set(ids)]);
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
