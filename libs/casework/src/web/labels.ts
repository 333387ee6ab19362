import { RecordType } from '@mapwork/revisions';
import { CASE_STAGES, CaseStage, PERSON_ROLES, PersonRole } from '../domain';
import { RECORD_KINDS } from '../record-kinds';

/** How the pages name the format's vocabulary. */
export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  child: 'Child',
  parent: 'Parent',
  carer: 'Carer',
  relative: 'Relative',
  friend: 'Friend',
  community: 'Community member',
  professional: 'Professional',
};

export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  early_help: 'Early help',
  child_in_need: 'Child in need',
  child_protection: 'Child protection',
  looked_after: 'Looked after',
};

/** The people of a case as its page groups them. */
export const PEOPLE_GROUPS: Array<{ heading: string; roles: PersonRole[] }> = [
  { heading: 'Children', roles: ['child'] },
  { heading: 'Parents and carers', roles: ['parent', 'carer'] },
  { heading: 'Network', roles: ['relative', 'friend', 'community'] },
  { heading: 'Professionals', roles: ['professional'] },
];

export const roleItems = PERSON_ROLES.map((value) => ({ value, text: PERSON_ROLE_LABELS[value] }));
export const stageItems = CASE_STAGES.map((value) => ({ value, text: CASE_STAGE_LABELS[value] }));

/** "Mapping", "Safety plan", "Network meeting", "Child's voice work". */
export function recordTitle(type: RecordType): string {
  const label = RECORD_KINDS[type].label;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The page of a record: /cases/:caseId/:recordType/:recordId, the record type as the API's path names it. */
export function recordHref(caseId: string, type: RecordType, recordId: string): string {
  return `/cases/${caseId}/${RECORD_KINDS[type].path}/${encodeURIComponent(recordId)}`;
}
