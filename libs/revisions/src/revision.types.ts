/** Kinds of thing that have a history. Record types are those of the interchange format. */
export const RECORD_TYPES = ['mapping', 'safety_plan', 'network_meeting', 'child_voice'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export type EntityType = 'case' | 'person' | RecordType | 'scoring_sheet' | 'case_audit';

/** Identifies one history: a case, a person of a case, or a record of a case. */
export interface EntityKey {
  entityType: EntityType;
  caseId: string;
  entityId: string;
}

/** Who changed something, when and why: a revision without its state. */
export interface RevisionMeta extends EntityKey {
  version: number;
  at: string;
  /** who wrote the revision here: the user, or for an imported revision the importing user */
  by: string;
  reason: string | null;
  /** for an imported revision: the author the source system named, and when it recorded it there */
  source: { by: string; at: string } | null;
}

/** A revision as services and the API see it. */
export interface Revision<S = unknown> extends RevisionMeta {
  /** the whole state; null when this revision deleted the thing */
  state: S | null;
  prevHash: string | null;
  hash: string;
}

export interface HistoryPage<S = unknown> {
  items: Revision<S>[];
  total: number;
  page: number;
  pageSize: number;
}
