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
}

/**
 * SHA-256 (hex) over the RFC 8785 canonical JSON of { prev, state, meta }: each
 * revision commits to the one before it, so a changed or removed row breaks the chain.
 */
export function revisionHash(prevHash: string | null, state: unknown, meta: RevisionMetadata): string {
  const payload = canonicalJson({
    prev: prevHash,
    state: state ?? null,
    meta: {
      entityType: meta.entityType,
      caseId: meta.caseId,
      entityId: meta.entityId,
      version: meta.version,
      at: meta.at,
      actor: meta.actor,
      reason: meta.reason ?? null,
    },
  });
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}
