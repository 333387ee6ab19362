import { createHash } from 'node:crypto';
import { canonicalJson } from '@mapwork/kernel';
import { AccessInterface } from './access-context';

/** What the access log records. `case.*` are views and changes of one case; the rest as named. */
export const ACCESS_EVENTS = [
  'case.read',
  'case.write',
  'case.export',
  'case.list',
  'sign-in.success',
  'sign-in.failure',
  'sign-out',
  'refusal',
  'import',
  'report.fidelity',
  'report.compare',
  'report.instrument',
  'audit.history',
  'audit.round-report',
  'evaluation.agreement',
  'evaluation.scoring-sheet',
  'admin.site.create',
  'admin.team.create',
  'admin.user.create',
  'admin.user.update',
  'admin.user.list',
  'admin.access-log',
  'admin.instrument.load',
  'admin.integrity.verify',
  'admin.integrity.checkpoint',
  'admin.integrity.seal',
  'admin.integrity.rotate-key',
] as const;
export type AccessEventKind = (typeof ACCESS_EVENTS)[number];

export const ACCESS_OUTCOMES = ['ok', 'refused', 'failed'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** One access-log entry with its place in its segment: what the hash covers. */
export interface AccessRecord {
  segment: string;
  n: number;
  at: string;
  userId: string | null;
  /** sorted, without duplicates */
  cases: string[];
  event: string;
  route: string;
  interface: AccessInterface | string;
  address: string | null;
  outcome: AccessOutcome | string;
  detail: string | null;
}

/** What the integrity key MACs for an access-log entry: its hash, which covers the one before it in its segment. */
export const ACCESS_MAC = 'mapwork/access';

/** SHA-256 over the canonical JSON of the entry and the hash of the one before it in its segment. */
export function accessEntryHash(prevHash: string | null, r: AccessRecord): string {
  const payload = canonicalJson({
    prev: prevHash,
    entry: {
      segment: r.segment,
      n: r.n,
      at: r.at,
      userId: r.userId,
      cases: r.cases,
      event: r.event,
      route: r.route,
      interface: r.interface,
      address: r.address,
      outcome: r.outcome,
      detail: r.detail,
    },
  });
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/** The entries of the log written before it was chained, folded in order into one digest the seal records. */
export function legacyAccessDigest(previous: string, row: { seq: number; at: string; userId: string | null; caseId: string | null; event: string; route: string; interface: string }): string {
  const line = canonicalJson([row.seq, row.at, row.userId, row.caseId, row.event, row.route, row.interface]);
  return createHash('sha256').update(`${previous}\n${line}`, 'utf8').digest('hex');
}
