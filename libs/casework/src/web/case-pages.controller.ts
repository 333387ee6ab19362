import { Get, Param, Post, Query } from '@nestjs/common';
import { AuthUser, Origin, Roles, UsersService } from '@mapwork/auth';
import { NotFoundError } from '@mapwork/kernel';
import { RecordType } from '@mapwork/revisions';
import { FormBody, FormValues, FormView, PageParam, RestoredForm, WebController, WebResult, page, redirectTo } from '@mapwork/web';
import { CASE_WRITERS, RequestOrigin } from '../case-access.service';
import { CaseIdPipe, ItemIdPipe } from '../http/params';
import { RECORD_KINDS } from '../record-kinds';
import { CaseOverviewService } from '../services/case-overview.service';
import { RecordsService } from '../services/records.service';
import { CasesService } from '../services/cases.service';
import { casePageModel, mayWrite, recordRows } from './case-views';
import { TeamChoice, newCaseForm } from './forms';
import { recordTitle, roleItems, stageItems } from './labels';
import { recordPageExtras } from './records/record-forms';

const caseIdParam = new PageParam(new CaseIdPipe());
const itemIdParam = new PageParam(new ItemIdPipe());
const KIND_BY_PATH = new Map(Object.values(RECORD_KINDS).map((k) => [k.path, k.type]));

/** Messages after a change, named in the address (never user text). */
const DONE: Record<string, string> = {
  'case-opened': 'The case has been opened.',
  'person-added': 'The person has been added.',
  'person-changed': 'The change has been saved.',
};

/**
 * The pages of a case: opening one, the case itself (its people and records), and each
 * record (a minimal read-only page for now). The same services, roles and access log as
 * the API's /api/v1/cases routes.
 */
@WebController('cases')
export class CasePagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly overview: CaseOverviewService,
    private readonly records: RecordsService,
    private readonly users: UsersService,
  ) {}

  @Roles(...CASE_WRITERS)
  @Get('new')
  async newCase(@Origin() origin: RequestOrigin, @RestoredForm() restored: FormValues | undefined) {
    const teams = await this.teamsOf(origin.user);
    const values = restored ?? { team: teams.length === 1 ? teams[0].id : '', people: [{}] };
    return this.newCasePage(teams, newCaseForm(teams).view(values, [], { restored: !!restored }), 200);
  }

  @Roles(...CASE_WRITERS)
  @Post('new')
  async openCase(@Origin() origin: RequestOrigin, @FormBody() body: unknown) {
    const teams = await this.teamsOf(origin.user);
    return newCaseForm(teams).submit<WebResult>(body, {
      show: (form, status) => this.newCasePage(teams, form, status),
      save: async ({ reason, people, ...fields }) => {
        const doc = await this.cases.create(origin, { ...fields, people }, reason ?? null);
        return redirectTo(`/cases/${doc.case.id}?done=case-opened`);
      },
    });
  }

  @Get(':caseId')
  async casePage(@Origin() origin: RequestOrigin, @Param('caseId', caseIdParam) caseId: string, @Query('done') done: unknown) {
    const c = await this.overview.get(origin, caseId);
    return page('cases/case', { ...casePageModel(c, origin.user), notice: typeof done === 'string' ? DONE[done] : undefined, breadcrumbs: [{ text: 'Home', href: '/' }] });
  }

  /** Declared after the people pages' routes (PeoplePagesController comes first in the module), which share its shape. */
  @Get(':caseId/:recordType/:recordId')
  async recordPage(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('recordType') recordType: string,
    @Param('recordId', itemIdParam) recordId: string,
    @Query('done') done: unknown,
  ) {
    const type = KIND_BY_PATH.get(recordType) as RecordType | undefined;
    if (!type) throw new NotFoundError('page');
    const record = await this.records.get(origin, caseId, type, recordId);
    return page('cases/record', {
      title: `${recordTitle(type)} ${record.id}`,
      caseHref: `/cases/${caseId}`,
      version: record.version,
      change: 'lastChange' in record ? record.lastChange : null,
      rows: recordRows((record.data ?? {}) as Record<string, unknown>),
      ...recordPageExtras(caseId, record, mayWrite(origin.user), done),
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Case', href: `/cases/${caseId}` }],
    });
  }

  private async teamsOf(user: AuthUser) {
    return (await this.users.listTeams()).filter((t) => user.teamIds.includes(t.id));
  }

  private newCasePage(teams: TeamChoice[], form: FormView, status: number) {
    return page(
      'cases/new-case',
      {
        title: 'Open a case',
        form,
        teamItems: teams.map((t) => ({ value: t.id, text: `${t.name} (${t.site})` })),
        stageItems,
        roleItems,
        breadcrumbs: [{ text: 'Home', href: '/' }],
      },
      status,
    );
  }
}
