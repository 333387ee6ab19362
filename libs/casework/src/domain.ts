/** The vocabulary of the interchange format (`sofs-casefile/1`), in one place. */
export const PERSON_ROLES = ['child', 'parent', 'carer', 'relative', 'friend', 'community', 'professional'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const FAMILY_ROLES: readonly PersonRole[] = ['child', 'parent', 'carer', 'relative'];
export const NETWORK_ROLES: readonly PersonRole[] = ['relative', 'friend', 'community'];

export const CASE_STAGES = ['early_help', 'child_in_need', 'child_protection', 'looked_after'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const MAPPING_KINDS = ['initial', 'review', 'conference', 'supervision'] as const;
export const SAFETY_PLAN_STATUSES = ['draft', 'agreed', 'active', 'ended'] as const;
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const CHILD_VOICE_TOOLS = ['three_houses', 'wizard_fairy', 'safety_house', 'words_and_pictures', 'other'] as const;

/** A case's own fields, as one revision of the case holds them. */
export interface CaseState {
  ref: string;
  site: string;
  team: string | null;
  worker: string | null;
  stage: CaseStage;
  openedOn: string;
  closedOn: string | null;
  researchConsent: boolean;
}

export interface PersonState {
  id: string;
  role: PersonRole;
  name?: string | null;
  birthDate?: string | null;
  relationship?: string | null;
}

export interface Participant {
  personId?: string;
  role: PersonRole;
  label?: string | null;
}

export interface MappingData {
  heldOn: string;
  kind: (typeof MAPPING_KINDS)[number];
  participants: Participant[];
  harm: { text: string }[];
  complicatingFactors: { text: string }[];
  existingStrengths: { text: string }[];
  existingSafety: { text: string }[];
  dangerStatements: { id: string; worriedWho?: string | null; behaviour?: string | null; impact?: string | null; text: string }[];
  safetyGoals: { id: string; text: string; addresses: string[] }[];
  nextSteps: { text: string; owner?: string | null; dueOn?: string | null }[];
  scaleRatings: { raterRole: PersonRole; personId?: string; score: number; reason?: string | null }[];
}

export interface SafetyPlanData {
  status: (typeof SAFETY_PLAN_STATUSES)[number];
  agreedOn?: string | null;
  lastReviewedOn?: string | null;
  rules: { text: string; ensuredBy: string[] }[];
  network: { personId: string; commitment?: string | null }[];
  goalIds?: string[];
  familyWords?: boolean;
}

export interface NetworkMeetingData {
  heldOn: string;
  status: (typeof MEETING_STATUSES)[number];
  attendees: Participant[];
  purpose?: string | null;
  outcome?: string | null;
}

export interface ChildVoiceData {
  tool: (typeof CHILD_VOICE_TOOLS)[number];
  childId: string;
  completedOn: string;
  summary?: string | null;
  attachment?: { name: string; mediaType: string; sha256: string } | null;
}

export type RecordData = MappingData | SafetyPlanData | NetworkMeetingData | ChildVoiceData;
