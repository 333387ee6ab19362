import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, Page, PageRequest, pageOffset } from '@mapwork/kernel';
import { CaseAccessEntity, TransactionRunner } from '@mapwork/persistence';
import { UserNames } from './user-names';

export type CaseAccess = 'read' | 'write' | 'export';

/** Every view or change of a case is written here, in the same unit of work as the access. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly names: UserNames,
  ) {}

  async record(em: EntityManager, userId: string, caseId: string, action: CaseAccess, route: string): Promise<void> {
    await em.getRepository(CaseAccessEntity).insert({ at: this.clock.now(), userId, caseId, action, route: route.slice(0, 300) });
  }

  /** Newest first (by sequence number, which is unique), each entry with the user's name. */
  list(filter: { caseId?: string; userId?: string }, p: PageRequest) {
    return this.tx.read(async (em): Promise<Page<AccessLogEntry>> => {
      const where: Partial<CaseAccessEntity> = {};
      if (filter.caseId) where.caseId = filter.caseId;
      if (filter.userId) where.userId = filter.userId;
      const [rows, total] = await em.getRepository(CaseAccessEntity).findAndCount({ where, order: { seq: 'DESC' }, skip: pageOffset(p), take: p.pageSize });
      const names = await this.names.book(em, rows.map((r) => r.userId));
      return { items: rows.map(({ seq, at, userId, caseId, action, route }) => ({ seq: Number(seq), at, userId, userName: names.name(userId), caseId, action, route })), total, ...p };
    });
  }
}

export interface AccessLogEntry {
  /** the entry's number: later entries have higher numbers */
  seq: number;
  at: string;
  userId: string;
  userName: string | null;
  caseId: string;
  action: string;
  route: string;
}
