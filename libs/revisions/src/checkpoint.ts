import { createHash } from 'node:crypto';
import { canonicalJson } from '@mapwork/kernel';

export const CHECKPOINT_FORMAT = 'mapwork-checkpoint/1';
export const SEAL_FORMAT = 'mapwork-seal/1';
export const CHECKPOINT_MAC = 'mapwork/checkpoint';
export const SEAL_MAC = 'mapwork/seal';

export type CheckpointTrigger = 'interval' | 'shutdown' | 'request' | 'seal' | 'rotate-key';

/**
 * A checkpoint: what the database held at a moment, chained to the checkpoint before
 * it and MACed, appended to a file outside the database (and kept in it).
 */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  database: string;
  n: number;
  /** hash of checkpoint n − 1 (null for the first) */
  prev: string | null;
  at: string;
  by: string;
  trigger: CheckpointTrigger;
  /** revisions up to this position (every one committed), and how many there are */
  revisions: { through: number; count: number };
  /** the cases with revisions since the previous checkpoint: [case id, its revisions up to `through`] */
  cases: Array<[string, number]>;
  /** access-log segment heads committed since the writer's previous checkpoint: [segment, position, hash] */
  segments: Array<[string, number, string]>;
  /** segments the writer will not append to again (it is shutting down) */
  closed: string[];
}

/** A checkpoint line of the file: the body, its hash, and the MAC of the hash. */
export interface CheckpointLine extends CheckpointBody {
  hash: string;
  keyId: string;
  mac: string;
}

export function checkpointHash(body: CheckpointBody): string {
  return createHash('sha256').update(canonicalJson(checkpointBody(body)), 'utf8').digest('hex');
}

/** The body of a line or row, without what is computed over it. */
export function checkpointBody(x: CheckpointBody): CheckpointBody {
  const { format, database, n, prev, at, by, trigger, revisions, cases, segments, closed } = x;
  return { format, database, n, prev, at, by, trigger, revisions, cases, segments, closed };
}

/** What the seal records: rows written before the database came under the key. */
export interface SealBody {
  format: typeof SEAL_FORMAT;
  database: string;
  at: string;
  /** revisions up to this position carry no MAC of their own: the signed heads and the checkpoints vouch for them */
  revisions: { legacyThrough: number; legacyCount: number };
  /** access-log entries up to this position are unchained: their count and digest (legacyAccessDigest) are sealed here */
  accessLog: { legacyThrough: number; legacyCount: number; legacyDigest: string };
}
