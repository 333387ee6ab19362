import { createHash } from 'node:crypto';
import { canonicalJson } from '@mapwork/kernel';

/** What a revision's hash covers besides the state and the previous hash. */
export interface RevisionMetadata {
  entityType: string;
  caseId: string;
  entityId: string;
  version: number;
  /** normalised instant (`…:SS.sssZ`) */
  at: string;
  actor: string;
  reason: string | null;
  /** the source system's author of an imported revision; covered only when present, so older hashes are unchanged */
  sourceActor?: string | null;
}

/**
 * SHA-256 (hex) over the RFC 8785 canonical JSON of { prev, state, meta }: each
 * revision commits to the one before it, so a changed or removed row breaks the chain.
 */
export function revisionHash(prevHash: string | null, state: unknown, meta: RevisionMetadata): string {
  const covered: Record<string, unknown> = {
    entityType: meta.entityType,
    caseId: meta.caseId,
    entityId: meta.entityId,
    version: meta.version,
    at: meta.at,
    actor: meta.actor,
    reason: meta.reason ?? null,
  };
  if (meta.sourceActor != null) covered.sourceActor = meta.sourceActor;
  const payload = canonicalJson({ prev: prevHash, state: state ?? null, meta: covered });
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/** What the integrity key MACs: a revision's hash (which covers its content and, through `prev`, its whole history). */
export const REVISION_MAC = 'mapwork/revision';
/** A history's signed head: its key, latest version and that version's hash. */
export const HEAD_MAC = 'mapwork/head';

export function headMessage(head: { entityType: string; caseId: string; entityId: string; version: number; hash: string }): string {
  return canonicalJson([head.entityType, head.caseId, head.entityId, head.version, head.hash]);
}
