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
  const at = recordHref(caseId, type, recordId);
  const actions = writable ? [{ text: `Change this ${recordTitle(type).toLowerCase()}`, href: `${at}/change`, primary: true }] : [];
  if (type === 'mapping') actions.push({ text: 'Print the Signs of Safety map', href: `${at}/print`, primary: false });
  if (type === 'safety_plan') actions.push({ text: 'Print the family’s safety plan', href: `${at}/print`, primary: false });
  return actions;
}
