import { Injectable } from '@nestjs/common';
import { UserNames, authorsOf } from '@mapwork/auth';
import { PageRequest } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { EntityKey, RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin } from '../case-access.service';

/** History, single versions and diffs of anything in a case, for those who may read the case; each change with its author's name. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly revisions: RevisionsService,
    private readonly access: CaseAccessService,
    private readonly names: UserNames,
  ) {}

  history(origin: RequestOrigin, key: EntityKey, p: PageRequest) {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, key.caseId, 'read', { allowDeleted: true });
      const page = await this.revisions.history(em, key, p.page, p.pageSize);
      const names = await this.names.book(em, authorsOf(page.items));
      return { ...page, items: page.items.map((r) => names.authored(r)) };
    });
  }

  version(origin: RequestOrigin, key: EntityKey, version: number) {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, key.caseId, 'read', { allowDeleted: true });
      const rev = await this.revisions.version(em, key, version);
      return (await this.names.book(em, authorsOf([rev]))).authored(rev);
    });
  }

  diff(origin: RequestOrigin, key: EntityKey, from: number, to: number) {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, key.caseId, 'read', { allowDeleted: true });
      const { from: a, to: b, changes } = await this.revisions.diff(em, key, from, to);
      const names = await this.names.book(em, authorsOf([a, b]));
      const meta = (r: typeof a) => names.authored({ version: r.version, at: r.at, by: r.by, reason: r.reason, source: r.source, deleted: r.state === null });
      return { from: meta(a), to: meta(b), changes };
    });
  }
}
