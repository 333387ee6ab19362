import { Get, Query } from '@nestjs/common';
import { AccessEvent, Origin } from '@mapwork/auth';
import { AuditsService } from '@mapwork/audits';
import { CASE_READERS, CaseOverviewService, RequestOrigin, caseloadRow, mayWrite } from '@mapwork/casework';
import { MAX_PAGE_SIZE } from '@mapwork/kernel';
import { WebController, page, pagination } from '@mapwork/web';

const PAGE_SIZE = 25;

/**
 * The home page: the cases of the user's teams with what is next and what is overdue,
 * searchable, and the audits waiting for them. It brings several capabilities together,
 * so it lives with the app that composes them.
 */
@WebController()
export class HomeController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly audits: AuditsService,
  ) {}

  @Get()
  @AccessEvent('case.list')
  async home(@Origin() origin: RequestOrigin, @Query('q') q: unknown, @Query('page') pageParam: unknown) {
    const user = origin.user;
    if (!(CASE_READERS as readonly string[]).includes(user.role)) {
      return page('home', { title: 'Home', noCaseAccess: true });
    }
    const search = typeof q === 'string' && q.trim() && q.length <= 100 ? q.trim() : undefined;
    const pageNo = typeof pageParam === 'string' && /^[1-9][0-9]{0,5}$/.test(pageParam) ? Number(pageParam) : 1;
    const caseload = await this.overview.caseload(origin, search, { page: pageNo, pageSize: PAGE_SIZE });
    const audits = (await this.audits.mine(user, { page: 1, pageSize: MAX_PAGE_SIZE })).items.filter((a) => !a.signedOff && !a.withdrawn);
    // GET /api/v1/audits/overdue-actions is for team managers (@Roles there)
    const overdueActions = user.role === 'team_manager' ? (await this.audits.overdueActions(user, { page: 1, pageSize: MAX_PAGE_SIZE })).items : [];
    const query = (n: number) => `/?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) })}`;
    return page('home', {
      title: 'Your cases',
      q: search,
      canOpen: mayWrite(user),
      cases: caseload.items.map(caseloadRow),
      caption: search ? `${caseload.total} ${caseload.total === 1 ? 'case matches' : 'cases match'} “${search}”` : `${caseload.total} ${caseload.total === 1 ? 'case' : 'cases'}`,
      pagination: pagination(caseload.total, pageNo, PAGE_SIZE, query),
      audits: audits.map((a) => ({ ...a, href: `/cases/${a.caseId}` })),
      overdueActions,
    });
  }
}
