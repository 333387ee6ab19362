import { RecordType } from '@mapwork/revisions';
import { recordHref, recordTitle } from '../labels';
import { ChildVoiceData } from '../../domain';
import { shownInline } from '../../media-types';
import { RecordView } from '../../services/views';
import { CHILD_VOICE_TOOL_LABELS, childVoiceFormSpec } from './child-voice-form';
import { mappingFormSpec } from './mapping-form';
import { networkMeetingFormSpec } from './network-meeting-form';
import { safetyPlanFormSpec } from './safety-plan-form';
import { RecordFormSpec } from './record-form-kit';

/** The form of each record type. */
export const RECORD_FORMS: Record<RecordType, RecordFormSpec> = {
  mapping: mappingFormSpec,
  safety_plan: safetyPlanFormSpec,
  network_meeting: networkMeetingFormSpec,
  child_voice: childVoiceFormSpec,
};

const ADD: Record<RecordType, string> = {
  mapping: 'Record a mapping',
  safety_plan: 'Record a safety plan',
  network_meeting: 'Record a family network meeting',
  child_voice: 'Record the child’s voice',
};

/** The words of a record type's pages. */
export function recordPageTitles(type: RecordType) {
  return { add: ADD[type], change: `Change the ${recordTitle(type).toLowerCase()}`, record: recordTitle(type) };
}

/** Messages after a record is saved, named in the address (never user text). */
const RECORD_DONE: Record<string, string> = {
  'record-added': 'The record has been saved.',
  'record-changed': 'The change has been saved.',
};

/**
 * What a record's page adds to its rows: the message after a save, what can be done
 * (change it, for those who may; print the map or the family's plan), and the child's
 * picture (shown in the page) or PDF (a link).
 */
export function recordPageExtras(caseId: string, record: RecordView, writable: boolean, done: unknown) {
  const attachment = record.type === 'child_voice' ? (record.data as ChildVoiceData | null)?.attachment : null;
  const tool = record.type === 'child_voice' ? (record.data as ChildVoiceData | null)?.tool : undefined;
  return {
    notice: typeof done === 'string' ? RECORD_DONE[done] : undefined,
    actions: record.data ? recordActions(caseId, record.type, record.id, writable) : [],
    attachment: attachment
      ? {
          href: `${recordHref(caseId, record.type, record.id)}/attachment`,
          name: attachment.name,
          image: shownInline(attachment.mediaType),
          alt: `The child’s ${tool ? CHILD_VOICE_TOOL_LABELS[tool] : ''} work (${attachment.name})`,
        }
      : null,
  };
}

function recordActions(caseId: string, type: RecordType, recordId: string, writable: boolean) {
  const print = printLink(caseId, type, recordId);
  return [
    ...(writable ? [{ text: `Change this ${recordTitle(type).toLowerCase()}`, href: `${recordHref(caseId, type, recordId)}/change`, primary: true }] : []),
    ...(print ? [{ ...print, primary: false }] : []),
  ];
}

/** The printable page of a record, where it has one: the Signs of Safety map of a mapping, the family's safety plan. */
export function printLink(caseId: string, type: RecordType, recordId: string): { text: string; href: string } | null {
  const href = `${recordHref(caseId, type, recordId)}/print`;
  if (type === 'mapping') return { text: 'Print the Signs of Safety map', href };
  if (type === 'safety_plan') return { text: 'Print the family’s safety plan', href };
  return null;
}
