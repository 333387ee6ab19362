import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IntegrityKeys, TransactionRunner } from '@mapwork/persistence';
import { ACCESS_MAC, AccessRecord, accessEntryHash } from './access-log-entry';
import { AccessLogRepository } from './access-log.repository';

/** A chain of access-log entries written by this process, one unit of work at a time. */
interface Segment {
  id: string;
  /** the last position written (perhaps not committed yet) and its hash */
  n: number;
  hash: string | null;
  /** the last position known committed */
  committed: { n: number; hash: string | null };
  /** the last position a checkpoint recorded */
  checkpointed: number;
}

/** A segment's committed head, as a checkpoint records it. */
export interface SegmentHead {
  segment: string;
  n: number;
  hash: string;
}

export type NewAccessEntry = Omit<AccessRecord, 'segment' | 'n'>;

/**
 * Appends access-log entries to hash chains with a MAC under the integrity key.
 *
 * One global chain would make every logged read wait for every other, across
 * processes. Instead each process keeps segments: a unit of work takes an idle segment
 * (or opens a new one), appends to it, and gives it back when its transaction commits
 * (its head moves on) or rolls back (its head goes back), so a segment's entries are
 * always a gap-free chain with its head in memory. Entries removed from the middle of
 * a segment break its chain; a removed tail is found against the heads that each
 * checkpoint records (outside the database), or by the segment's next entry.
 */
@Injectable()
export class AccessLogChain {
  private readonly idle: Segment[] = [];
  private readonly all: Segment[] = [];
  private readonly heldBy = new WeakMap<EntityManager, Segment>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: AccessLogRepository,
    private readonly keys: IntegrityKeys,
  ) {}

  /** Writes one entry in the caller's unit of work (`em`). */
  async append(em: EntityManager, entry: NewAccessEntry): Promise<void> {
    let segment = this.heldBy.get(em);
    let autocommit = false;
    if (!segment) {
      const taken = this.take();
      segment = taken;
      if (this.tx.whenSettled(em, (committed) => this.settle(taken, committed))) this.heldBy.set(em, taken);
      else autocommit = true;
    }
    const record: AccessRecord = { ...entry, cases: [...new Set(entry.cases)].sort(), segment: segment.id, n: segment.n + 1 };
    const hash = accessEntryHash(segment.hash, record);
    const prevHash = segment.hash;
    segment.n = record.n;
    segment.hash = hash;
    const row = {
      at: record.at,
      userId: record.userId,
      caseId: record.cases.length === 1 ? record.cases[0] : null,
      caseCount: record.cases.length,
      event: record.event,
      route: record.route,
      interface: record.interface,
      address: record.address,
      outcome: record.outcome,
      detail: record.detail,
      segmentId: record.segment,
      segmentN: record.n,
      prevHash,
      hash,
      ...this.keys.ring().mac(ACCESS_MAC, hash),
    };
    const several = record.cases.length > 1 ? record.cases : [];
    if (!autocommit) {
      await this.repository.insert(em, row, several);
      return;
    }
    try {
      // outside a write, an entry and its cases still go in together
      if (several.length) await em.transaction((inner) => this.repository.insert(inner, row, several));
      else await this.repository.insert(em, row, several);
      this.settle(segment, true);
    } catch (e) {
      this.settle(segment, false);
      throw e;
    }
  }

  /** Committed heads that moved since the last checkpoint (all of them when `all`). */
  headsToCheckpoint(all = false): SegmentHead[] {
    return this.all
      .filter((s) => s.committed.n > 0 && (all || s.committed.n > s.checkpointed))
      .map((s) => ({ segment: s.id, n: s.committed.n, hash: s.committed.hash! }));
  }

  /** Called once a checkpoint holding these heads is written. */
  checkpointed(heads: SegmentHead[]): void {
    for (const h of heads) {
      const s = this.all.find((x) => x.id === h.segment);
      if (s && h.n > s.checkpointed) s.checkpointed = h.n;
    }
  }

  private take(): Segment {
    const segment = this.idle.pop();
    if (segment) return segment;
    const created: Segment = { id: randomUUID(), n: 0, hash: null, committed: { n: 0, hash: null }, checkpointed: 0 };
    this.all.push(created);
    return created;
  }

  private settle(segment: Segment, committed: boolean) {
    if (committed) segment.committed = { n: segment.n, hash: segment.hash };
    else {
      segment.n = segment.committed.n;
      segment.hash = segment.committed.hash;
    }
    this.idle.push(segment);
  }
}
