import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@mapwork/kernel';
import { AccessInterface, CaseAccessEntity, TransactionRunner } from '@mapwork/persistence';

export type CaseAccess = 'read' | 'write' | 'export';

/** Every view or change of a case is written here, in the same unit of work as the access. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
  ) {}

  async record(em: EntityManager, userId: string, caseId: string, action: CaseAccess, route: string, via: AccessInterface = 'api'): Promise<void> {
    await em.getRepository(CaseAccessEntity).insert({ at: this.clock.now(), userId, caseId, action, route: route.slice(0, 300), interface: via });
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
      return {
        items: rows.map(({ at, userId, caseId, action, route, interface: via }) => ({ at, userId, caseId, action, route, interface: via })),
        total,
        page,
        pageSize,
      };
    });
  }
}
