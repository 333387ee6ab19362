import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@mapwork/kernel';
import { AccessEventEntity, CaseAccessEntity, TransactionRunner } from '@mapwork/persistence';

export type CaseAccess = 'read' | 'write' | 'export';

/** An entry of the access log that is not about a case: a sign-in, a lockout, a change to an account. */
export interface AccessEvent {
  /** sign-in.success, sign-in.failure, sign-in.lockout, password.change, admin.user.role, totp.enrol, … */
  event: string;
  /** whom it is about; null when no account is known (an unknown username, a locked address) */
  userId: string | null;
  address: string | null;
  /** api, web or cli */
  interface: string;
  outcome: 'ok' | 'refused' | 'failed';
  detail: string | null;
}

/** Every view or change of a case is written here, in the same unit of work as the access. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
  ) {}

  async record(em: EntityManager, userId: string, caseId: string, action: CaseAccess, route: string): Promise<void> {
    await em.getRepository(CaseAccessEntity).insert({ at: this.clock.now(), userId, caseId, action, route: route.slice(0, 300) });
  }

  /**
   * Writes an event in the caller's unit of work, or in one of its own when `em` is null
   * (never so from inside a unit of work: on SQLite it would wait for itself).
   */
  async recordEvent(em: EntityManager | null, e: AccessEvent): Promise<void> {
    const row = { ...e, at: this.clock.now(), event: e.event.slice(0, 40), address: e.address?.slice(0, 64) ?? null, detail: e.detail?.slice(0, 300) ?? null };
    if (em) await em.getRepository(AccessEventEntity).insert(row);
    else await this.tx.write((own) => own.getRepository(AccessEventEntity).insert(row));
  }

  /** Events, newest first, optionally of one user or kind. */
  events(filter: { userId?: string; event?: string } = {}, limit = 100) {
    return this.tx.read(async (em) => {
      const where = { ...(filter.userId ? { userId: filter.userId } : {}), ...(filter.event ? { event: filter.event } : {}) };
      const rows = await em.getRepository(AccessEventEntity).find({ where, order: { seq: 'DESC' }, take: limit });
      return rows.map(({ at, event, userId, address, interface: via, outcome, detail }) => ({ at, event, userId, address, interface: via, outcome, detail }));
    });
  }

  list(filter: { caseId?: string; userId?: string }, page: number, pageSize: number) {
    return this.tx.read(async (em) => {
      const where: Partial<CaseAccessEntity> = {};
      if (filter.caseId) where.caseId = filter.caseId;
      if (filter.userId) where.userId = filter.userId;
      const [rows, total] = await em.getRepository(CaseAccessEntity).findAndCount({
        where,
        order: { seq: 'DESC' },
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
      return { items: rows.map(({ at, userId, caseId, action, route }) => ({ at, userId, caseId, action, route })), total, page, pageSize };
    });
  }
}
