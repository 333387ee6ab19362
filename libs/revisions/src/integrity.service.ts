import { Injectable } from '@nestjs/common';
import { RevisionEntity, TransactionRunner } from '@mapwork/persistence';
import { revisionHash } from './revision-hash';
import { RevisionsRepository } from './revisions.repository';

export type BrokenLinkKind = 'hash_mismatch' | 'prev_hash_mismatch' | 'version_gap' | 'instant_not_increasing' | 'unreadable_state';

export interface BrokenLink {
  entityType: string;
  caseId: string;
  entityId: string;
  version: number;
  problem: BrokenLinkKind;
  detail: string;
}

export interface IntegrityReport {
  checkedAt: string;
  chains: number;
  revisions: number;
  ok: boolean;
  /** the first broken link of each broken chain */
  broken: BrokenLink[];
}

const BATCH = 2000;

/** Walks every revision chain, in batches, and reports the first broken link of each. */
@Injectable()
export class IntegrityService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly revisions: RevisionsRepository,
  ) {}

  async verify(now: string): Promise<IntegrityReport> {
    const broken: BrokenLink[] = [];
    let chains = 0;
    let revisions = 0;
    let prev: RevisionEntity | null = null;
    let chainBroken = false;
    let after: RevisionEntity | null = null;
    for (;;) {
      const batch: RevisionEntity[] = await this.tx.read((em) => this.revisions.chainBatch(em, after, BATCH));
      for (const row of batch) {
        revisions++;
        if (!prev || !sameChain(prev, row)) {
          chains++;
          prev = null;
          chainBroken = false;
        }
        if (!chainBroken) {
          const problem = checkLink(prev, row);
          if (problem) {
            broken.push({ entityType: row.entityType, caseId: row.caseId, entityId: row.entityId, version: row.version, ...problem });
            chainBroken = true;
          }
        }
        prev = row;
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1];
    }
    return { checkedAt: now, chains, revisions, ok: broken.length === 0, broken };
  }
}

function sameChain(a: RevisionEntity, b: RevisionEntity): boolean {
  return a.caseId === b.caseId && a.entityType === b.entityType && a.entityId === b.entityId;
}

/** Whether `row` is a sound successor of `prev` (null for the first of a chain). */
export function checkLink(prev: RevisionEntity | null, row: RevisionEntity): { problem: BrokenLinkKind; detail: string } | null {
  const expectedVersion = (prev?.version ?? 0) + 1;
  if (row.version !== expectedVersion) {
    return { problem: 'version_gap', detail: `expected version ${expectedVersion}, found ${row.version}` };
  }
  if ((row.prevHash ?? null) !== (prev?.hash ?? null)) {
    return { problem: 'prev_hash_mismatch', detail: 'the revision does not point at the hash of the one before it' };
  }
  if (prev && row.at <= prev.at) {
    return { problem: 'instant_not_increasing', detail: `${row.at} is not later than ${prev.at}` };
  }
  let state: unknown;
  try {
    state = row.state === null ? null : JSON.parse(row.state);
  } catch {
    return { problem: 'unreadable_state', detail: 'the stored state is not JSON' };
  }
  const hash = revisionHash(row.prevHash, state, {
    entityType: row.entityType,
    caseId: row.caseId,
    entityId: row.entityId,
    version: row.version,
    at: row.at,
    actor: row.actor,
    reason: row.reason,
  });
  if (hash !== row.hash) {
    return { problem: 'hash_mismatch', detail: 'the stored content does not match its hash: it was changed after it was written' };
  }
  return null;
}
