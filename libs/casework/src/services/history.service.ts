import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@mapwork/persistence';
import { EntityKey, RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin } from '../case-access.service';

/** History, single versions and diffs of anything in a case, for those who may read the case. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly revisions: RevisionsService,
    private readonly access: CaseAccessService,
  ) {}

  history(origin: RequestOrigin, key: EntityKey, page: number, pageSize: number) {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, key.caseId, 'read', { allowDeleted: true });
      return this.revisions.history(em, key, page, pageSize);
    });
  }

  version(origin: RequestOrigin, key: EntityKey, version: number) {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, key.caseId, 'read', { allowDeleted: true });
      return this.revisions.version(em, key, version);
    });
  }

  diff(origin: RequestOrigin, key: EntityKey, from: number, to: number) {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, key.caseId, 'read', { allowDeleted: true });
      const { from: a, to: b, changes } = await this.revisions.diff(em, key, from, to);
      const meta = (r: typeof a) => ({ version: r.version, at: r.at, by: r.by, reason: r.reason, source: r.source, deleted: r.state === null });
      return { from: meta(a), to: meta(b), changes };
    });
  }
}
