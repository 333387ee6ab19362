import type { PersonState, RecordData } from '@mapwork/casework/domain';

/** The interchange format `sofs-casefile/1` (docs/casefile-format.md). */
export const CASEFILE_FORMAT = 'sofs-casefile/1';

export interface CaseFileRevision {
  at: string;
  by: string;
  reason?: string | null;
  data: RecordData | null;
}

export interface CaseFileRecord {
  type: 'mapping' | 'safety_plan' | 'network_meeting' | 'child_voice';
  id: string;
  revisions: CaseFileRevision[];
}

export interface CaseFileCase {
  ref: string;
  team?: string | null;
  worker?: string | null;
  stage: string;
  openedOn: string;
  closedOn?: string | null;
  researchConsent?: boolean;
  people: PersonState[];
  records: CaseFileRecord[];
}

export interface CaseFileHeader {
  format: string;
  exportedAt: string;
  site: { code: string; name?: string | null };
}

export interface CaseFile extends CaseFileHeader {
  cases: CaseFileCase[];
}
