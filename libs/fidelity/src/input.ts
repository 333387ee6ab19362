/**
 * What the metrics read: a case with its records and their revisions, in the shape of
 * the interchange format (`sofs-casefile/1`). Structural types, so a parsed file, the
 * database and tests can all supply them.
 */
export interface FidelityRevision {
  /** UTC instant, `YYYY-MM-DDTHH:MM:SS[.sss]Z` */
  at: string;
  /** the whole state; null when the record was deleted at this instant */
  data: Record<string, unknown> | null;
}

export interface FidelityRecord {
  type: string;
  id: string;
  /** in time order */
  revisions: readonly FidelityRevision[];
}

export interface FidelityCase {
  ref: string;
  site: string;
  team?: string | null;
  worker?: string | null;
  openedOn: string;
  records: readonly FidelityRecord[];
}
