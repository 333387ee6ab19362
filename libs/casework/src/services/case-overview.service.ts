import { Injectable } from '@nestjs/common';
import { UserNames, authorsOf } from '@mapwork/auth';
import { Clock, Page, PageRequest, compareCodePoints } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin } from '../case-access.service';
import { CaseSummary, summariseCase } from '../case-summary';
import { CasesRepository } from '../repositories/cases.repository';
import { PeopleRepository } from '../repositories/people.repository';
import { RecordsRepository } from '../repositories/records.repository';
import { CasesService } from './cases.service';
import { RecordWithLastChange } from './records.service';
import { CaseDocument, CaseView, PersonView, RecordView, caseView, recordView } from './views';

/** Who changed something last, when and why, with names (and for an imported change, its author in the source system). */
export type LastChange = RecordWithLastChange['lastChange'];

export interface CaseloadEntry extends CaseSummary {
  case: CaseView;
}

/** A case as its page shows it: its people, and its records newest change first, each with that change. */
export interface CaseOverview extends CaseDocument {
  people: Array<PersonView & { lastChange: LastChange | null }>;
  records: Array<RecordView & { lastChange: LastChange | null }>;
  summary: CaseSummary;
}

/**
 * Cases as the people working on them see them: a caseload with what is due and
 * overdue, and one case with who changed what last. The same role, team and access-log
 * rules as the API: a caseload is a list (its cases named in the route's case.list
 * entry), a case a logged read.
 */
@Injectable()
export class CaseOverviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly people: PeopleRepository,
    private readonly records: RecordsRepository,
    private readonly names: UserNames,
    private readonly revisions: RevisionsService,
    private readonly casesService: CasesService,
    private readonly access: CaseAccessService,
  ) {}

  /**
   * A page of the cases of the user's teams, in reference order; with `q`, those whose
   * child's name, reference or worker contains it (the case list's own search).
   */
  caseload(origin: RequestOrigin, q: string | undefined, p: PageRequest): Promise<Page<CaseloadEntry>> {
    this.access.assertRoleMay(origin.user, 'read');
    const today = this.clock.now().slice(0, 10);
    return this.tx.read(async (em) => {
      const [rows, total] = await this.cases.list(em, { teamIds: origin.user.teamIds, q }, p.page, p.pageSize);
      const people = await this.people.ofCases(em, rows.map((r) => r.id));
      const names = await this.names.book(em, rows.map((r) => r.worker));
      const items: CaseloadEntry[] = [];
      // one access-log entry for the page (the route's case.list event), naming every case shown
      this.access.touched(rows.map((r) => r.id));
      for (const row of rows) {
        const records = (await this.records.ofCase(em, row.id)).map(recordView);
        const casePeople = (people.get(row.id) ?? []).map((x) => ({ id: x.personId, role: x.role as PersonView['role'], name: x.name }));
        items.push({ case: { ...caseView(row), workerName: names.name(row.worker) }, ...summariseCase({ people: casePeople, records }, today) });
      }
      return { items, total, ...p };
    });
  }

  /** One case for its page (a logged read). */
  get(origin: RequestOrigin, caseId: string): Promise<CaseOverview> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read');
      const doc = await this.casesService.document(em, caseId);
      const changes = await this.revisions.lastChangesOfCase(em, caseId);
      const names = await this.names.book(em, [...authorsOf(changes), doc.case.worker]);
      const lastChange = (type: string, id: string): LastChange | null => {
        const c = changes.find((x) => x.entityType === type && x.entityId === id);
        return c ? names.authored({ at: c.at, by: c.by, reason: c.reason, source: c.source }) : null;
      };
      return {
        ...doc,
        case: { ...doc.case, workerName: names.name(doc.case.worker) },
        people: doc.people.map((x) => ({ ...x, lastChange: lastChange('person', x.id) })),
        records: doc.records
          .map((r) => ({ ...r, lastChange: lastChange(r.type, r.id) }))
          .sort((a, b) => compareCodePoints(b.lastChange?.at ?? '', a.lastChange?.at ?? '') || compareCodePoints(a.id, b.id)),
        summary: summariseCase(doc, this.clock.now().slice(0, 10)),
      };
    });
  }
}
