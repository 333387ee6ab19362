import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessLogCaseEntity, CaseAccessEntity } from '@mapwork/persistence';

export interface AccessLogFilter {
  userId?: string;
  caseId?: string;
  /** instants, inclusive */
  from?: string;
  to?: string;
  interface?: string;
  event?: string;
  outcome?: string;
}

export type AccessLogRow = Omit<CaseAccessEntity, 'seq'> & { seq: number };

const key = (segmentId: string, n: number) => `${segmentId}\u0000${n}`;

/** All queries on the access log and the cases of its entries; nothing here decides anything. */
@Injectable()
export class AccessLogRepository {
  async insert(em: EntityManager, row: Omit<CaseAccessEntity, 'seq'>, cases: string[]): Promise<void> {
    // no read-back of defaults and the generated position: every read of a case waits for this insert
    await em.createQueryBuilder().insert().into(CaseAccessEntity).values(row).updateEntity(false).execute();
    for (let i = 0; i < cases.length; i += 500) {
      const rows = cases.slice(i, i + 500).map((caseId) => ({ segmentId: row.segmentId!, segmentN: row.segmentN!, caseId }));
      await em.createQueryBuilder().insert().into(AccessLogCaseEntity).values(rows).updateEntity(false).execute();
    }
  }

  private filtered(em: EntityManager, filter: AccessLogFilter): SelectQueryBuilder<CaseAccessEntity> {
    const qb = em.getRepository(CaseAccessEntity).createQueryBuilder('l');
    if (filter.userId) qb.andWhere('l.user_id = :userId', { userId: filter.userId });
    if (filter.caseId) {
      qb.andWhere(
        '(l.case_id = :caseId OR EXISTS (SELECT 1 FROM access_log_cases x WHERE x.segment_id = l.segment_id AND x.segment_n = l.segment_n AND x.case_id = :caseId))',
        { caseId: filter.caseId },
      );
    }
    if (filter.from) qb.andWhere('l.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('l.at <= :to', { to: filter.to });
    if (filter.interface) qb.andWhere('l.interface = :interface', { interface: filter.interface });
    if (filter.event) qb.andWhere('l.event = :event', { event: filter.event });
    if (filter.outcome) qb.andWhere('l.outcome = :outcome', { outcome: filter.outcome });
    return qb;
  }

  /** A page of matching entries, newest first, and how many match. */
  async page(em: EntityManager, filter: AccessLogFilter, page: number, pageSize: number): Promise<[AccessLogRow[], number]> {
    const qb = this.filtered(em, filter);
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('l.seq', 'DESC').offset((page - 1) * pageSize).limit(pageSize).getMany();
    return [rows.map(numbered), total];
  }

  /** Matching entries older than `beforeSeq` (all when null), newest first: for streaming every match. */
  async batch(em: EntityManager, filter: AccessLogFilter, beforeSeq: number | null, size: number): Promise<AccessLogRow[]> {
    const qb = this.filtered(em, filter);
    if (beforeSeq !== null) qb.andWhere('l.seq < :beforeSeq', { beforeSeq });
    return (await qb.orderBy('l.seq', 'DESC').limit(size).getMany()).map(numbered);
  }

  /** The cases of entries that touched several, by entry; at most `limit` per entry when given. */
  async casesOf(em: EntityManager, rows: Array<Pick<AccessLogRow, 'segmentId' | 'segmentN' | 'caseCount'>>): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const several = rows.filter((r) => r.caseCount > 1 && r.segmentId !== null && r.segmentN !== null);
    for (let i = 0; i < several.length; i += 200) {
      const part = several.slice(i, i + 200);
      const wanted = new Set(part.map((r) => key(r.segmentId!, r.segmentN!)));
      const found = await em
        .getRepository(AccessLogCaseEntity)
        .createQueryBuilder('x')
        .where('x.segment_id IN (:...segments)', { segments: [...new Set(part.map((r) => r.segmentId!))] })
        .andWhere('x.segment_n IN (:...ns)', { ns: [...new Set(part.map((r) => r.segmentN!))] })
        .getMany();
      for (const x of found) {
        const k = key(x.segmentId, x.segmentN);
        if (!wanted.has(k)) continue;
        const list = out.get(k);
        if (list) list.push(x.caseId);
        else out.set(k, [x.caseId]);
      }
    }
    for (const list of out.values()) list.sort();
    return out;
  }

  casesKey(row: Pick<AccessLogRow, 'segmentId' | 'segmentN'>): string {
    return key(row.segmentId ?? '', row.segmentN ?? 0);
  }

  // ---- for verification ------------------------------------------------------------

  /** Chained entries in (segment, position) order after the given one. */
  async chainBatch(em: EntityManager, after: { segmentId: string; n: number } | null, size: number): Promise<AccessLogRow[]> {
    const qb = em.getRepository(CaseAccessEntity).createQueryBuilder('l').where('l.segment_id IS NOT NULL');
    if (after) qb.andWhere('(l.segment_id > :s OR (l.segment_id = :s AND l.segment_n > :n))', { s: after.segmentId, n: after.n });
    return (await qb.orderBy('l.segment_id').addOrderBy('l.segment_n').limit(size).getMany()).map(numbered);
  }

  /** Entries without a chain (written before the seal, or stripped since), in order. */
  async unchainedBatch(em: EntityManager, afterSeq: number, size: number): Promise<AccessLogRow[]> {
    const qb = em.getRepository(CaseAccessEntity).createQueryBuilder('l').where('l.segment_id IS NULL AND l.seq > :afterSeq', { afterSeq });
    return (await qb.orderBy('l.seq').limit(size).getMany()).map(numbered);
  }

  async maxSeq(em: EntityManager): Promise<number> {
    const [row] = await em.query('SELECT MAX(seq) AS m FROM case_access_log');
    return Number(row?.m ?? 0);
  }
}

function numbered(row: CaseAccessEntity): AccessLogRow {
  return { ...row, seq: Number(row.seq), caseCount: Number(row.caseCount), segmentN: row.segmentN === null ? null : Number(row.segmentN) };
}
