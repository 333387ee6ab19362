import { bool, choice, date, dateParts, text } from '@mapwork/web';
import { CHILD_VOICE_TOOLS, ChildVoiceData } from '../../domain';
import { RecordFormSpec, personItems, record, str } from './record-form-kit';

export const CHILD_VOICE_TOOL_LABELS: Record<(typeof CHILD_VOICE_TOOLS)[number], string> = {
  three_houses: 'Three Houses',
  words_and_pictures: 'Words and Pictures',
  wizard_fairy: 'Wizard and Fairy',
  safety_house: 'Safety House',
  other: 'Another tool',
};

/** The order the tools are offered in: the two most used first. */
const TOOL_ORDER = ['three_houses', 'words_and_pictures', 'wizard_fairy', 'safety_house', 'other'] as const;

/**
 * The child's voice: a tool done with one child, what they said, and a picture or PDF of
 * their work. The file is uploaded through the attachment service (judged by its content)
 * when the form is posted, and the record refers to it by its digest; a change keeps the
 * attachment it had unless another file is chosen or it is removed.
 */
export const childVoiceFormSpec: RecordFormSpec = {
  type: 'child_voice',
  view: 'records/child-voice-form',
  upload: true,

  fields: () => ({
    input: (d) => {
      const a = record(d.attachment);
      return {
        tool: choice(d.tool),
        childId: choice(d.childId),
        completedOn: date(d.completedOn),
        summary: text(d.summary),
        attachment: bool(d.removeAttachment) || !str(a.sha256) ? null : { name: a.name, mediaType: a.mediaType, sha256: a.sha256 },
      };
    },
    labels: {
      '/data/tool': 'Tool',
      '/data/childId': 'Child',
      '/data/completedOn': 'Date of the work',
      '/data/summary': 'What the child said',
      '/data/attachment': 'Picture or PDF of the child’s work',
    },
    messages: {
      '/data/tool': { isIn: 'Select the tool used' },
      '/data/childId': { isString: 'Select the child', isLength: 'Select the child' },
      '/data/completedOn': { isCalendarDate: 'Date of the work must be a real date, like 27 3 2020' },
    },
    errorsAt: { '/data/attachment/name': '/data/attachment', '/data/attachment/mediaType': '/data/attachment', '/data/attachment/sha256': '/data/attachment' },
  }),

  values: (stored) => {
    const v = stored as ChildVoiceData | null;
    if (!v) return { data: { tool: '', childId: '', completedOn: dateParts(null), summary: '' } };
    return {
      data: {
        tool: v.tool,
        childId: v.childId,
        completedOn: dateParts(v.completedOn),
        summary: v.summary ?? '',
        ...(v.attachment ? { attachment: { ...v.attachment } } : {}),
      },
    };
  },

  choices: (ctx, values) => {
    const a = record(record(values.data).attachment);
    return {
      toolItems: TOOL_ORDER.map((value) => ({ value, text: CHILD_VOICE_TOOL_LABELS[value] })),
      childItems: personItems(ctx.people, ['child']),
      attachment: str(a.sha256) ? { name: str(a.name), mediaType: str(a.mediaType), sha256: str(a.sha256) } : null,
      removeItems: [{ value: 'yes', text: 'Remove the attached picture or PDF from this record' }],
    };
  },
};
