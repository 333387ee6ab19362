import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ForbiddenError, GoneError, NotFoundError } from '@mapwork/kernel';
import { AccessLogService, AuthUser } from '@mapwork/auth';
import { ChangeContext } from '@mapwork/revisions';
import { CaseRow, CasesRepository } from './repositories/cases.repository';

export type CaseAccessMode = 'read' | 'write';

/** Roles that may read case content, and the narrower set that may change it. */
export const CASE_READERS = ['social_worker', 'team_manager'] as const;
export const CASE_WRITERS = ['social_worker'] as const;

/** Where a request came from, for the access log. */
export interface RequestOrigin {
  user: AuthUser;
  route: string;
}

/** Who made a change through the API, and why. */
export function changeBy(origin: RequestOrigin, reason: string | null): ChangeContext {
  return { actor: origin.user.id, reason };
}

/**
 * Who may see and change which case. Social workers read and write their teams'
 * cases; team managers read them; nobody else reads case content here. A case outside
 * the user's teams is "not found", so its existence does not leak. Every granted
 * access is written to the access log in the same unit of work.
 */
@Injectable()
export class CaseAccessService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly accessLog: AccessLogService,
  ) {}

  assertRoleMay(user: AuthUser, mode: CaseAccessMode): void {
    const allowed = ((mode === 'write' ? CASE_WRITERS : CASE_READERS) as readonly string[]).includes(user.role);
    if (!allowed) {
      throw new ForbiddenError(mode === 'write' ? 'only social workers change case records' : 'your role does not give access to case records');
    }
  }

  /** Loads a case the user may access in this mode, or fails as not found. */
  async open(
    em: EntityManager,
    origin: RequestOrigin,
    caseId: string,
    mode: CaseAccessMode,
    options: { allowDeleted?: boolean } = {},
  ): Promise<CaseRow> {
    try {
      this.assertRoleMay(origin.user, mode);
    } catch (e) {
      await this.refused(origin, caseId, `role ${origin.user.role} may not ${mode} case records`);
      throw e;
    }
    const row = await this.cases.byId(em, caseId);
    if (!row) throw new NotFoundError('case', { caseId });
    if (!row.teamId || !origin.user.teamIds.includes(row.teamId)) {
      // answered as a missing case, so its existence does not leak; the log says what happened
      await this.refused(origin, caseId, `${mode} of a case outside the user's teams`);
      throw new NotFoundError('case', { caseId });
    }
    await this.accessLog.record(em, origin.user.id, caseId, mode, origin.route);
    if (row.deleted && !options.allowDeleted) throw new GoneError('case', row.version);
    return row;
  }

  /** Cases a list or report showed the user (for its access-log entry). */
  touched(caseIds: string[]): void {
    this.accessLog.touch(caseIds);
  }

  /** Logged once the request's unit of work has rolled back. */
  private refused(origin: RequestOrigin, caseId: string, detail: string): Promise<void> {
    return this.accessLog.refusedLater({ event: 'refusal', userId: origin.user.id, cases: [caseId], route: origin.route, detail });
  }
}
