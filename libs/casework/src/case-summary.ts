import { compareCodePoints } from '@mapwork/kernel/string-order';
import { ChildVoiceData, MappingData, NetworkMeetingData, PersonState, RecordData, SafetyPlanData } from './domain';
import { RecordType } from '@mapwork/revisions';

/** What a worker needs to see of a case at a glance, worked out from its current records. */
export interface CaseSummary {
  /** names of the children of the case (the person id where no name is recorded) */
  children: string[];
  /** the next dated thing to do: the earliest next step due today or later in the latest mapping, or a planned network meeting */
  next: { on: string; what: 'next_step' | 'network_meeting'; text: string } | null;
  /** the date of the most recent record (when it was held, completed, agreed or reviewed) */
  lastRecordedOn: string | null;
  /** next steps of the latest mapping whose due date is before today */
  overdueSteps: Array<{ text: string; owner: string | null; dueOn: string }>;
}

interface SummaryInput {
  people: Array<Pick<PersonState, 'id' | 'role' | 'name'> & { deleted?: boolean }>;
  records: Array<{ type: RecordType; id: string; data: RecordData | null }>;
}

/** The date a record is about, as the interchange format names it. */
export function recordDate(type: RecordType, data: RecordData): string | null {
  switch (type) {
    case 'mapping':
      return (data as MappingData).heldOn;
    case 'network_meeting':
      return (data as NetworkMeetingData).heldOn;
    case 'child_voice':
      return (data as ChildVoiceData).completedOn;
    case 'safety_plan': {
      const plan = data as SafetyPlanData;
      return plan.lastReviewedOn ?? plan.agreedOn ?? null;
    }
  }
}

const latestFirst = (a: string | null, b: string | null) => compareCodePoints(b ?? '', a ?? '');

/** Names of the children of a case (the person id where no name is recorded). */
export function childNames(people: SummaryInput['people']): string[] {
  return people.filter((p) => p.role === 'child' && !p.deleted).map((p) => p.name ?? p.id);
}

/** `today` is a calendar date (YYYY-MM-DD); dates compare as text. */
export function summariseCase(c: SummaryInput, today: string): CaseSummary {
  const children = childNames(c.people);
  const live = c.records.filter((r): r is SummaryInput['records'][number] & { data: RecordData } => r.data !== null);
  const mappings = live
    .filter((r) => r.type === 'mapping')
    .map((r) => r.data as MappingData)
    .sort((a, b) => latestFirst(a.heldOn, b.heldOn));
  const steps = (mappings[0]?.nextSteps ?? []).filter((s): s is typeof s & { dueOn: string } => !!s.dueOn);
  const upcoming: NonNullable<CaseSummary['next']>[] = [
    ...steps.filter((s) => s.dueOn >= today).map((s) => ({ on: s.dueOn, what: 'next_step' as const, text: s.text })),
    ...live
      .filter((r) => r.type === 'network_meeting')
      .map((r) => r.data as NetworkMeetingData)
      .filter((m) => m.status === 'planned' && m.heldOn >= today)
      .map((m) => ({ on: m.heldOn, what: 'network_meeting' as const, text: m.purpose ?? '' })),
  ].sort((a, b) => compareCodePoints(a.on, b.on));
  const dates = live.map((r) => recordDate(r.type, r.data)).filter((d): d is string => !!d && d <= today);
  return {
    children,
    next: upcoming[0] ?? null,
    lastRecordedOn: dates.sort(latestFirst)[0] ?? null,
    overdueSteps: steps.filter((s) => s.dueOn < today).map((s) => ({ text: s.text, owner: s.owner ?? null, dueOn: s.dueOn })),
  };
}
