import { choice, date, dateParts, text } from '@mapwork/web';
import { MEETING_STATUSES, NetworkMeetingData } from '../../domain';
import { RecordFormSpec, otherParticipantsShown, participantErrorsAt, participantInput, participantValues, personItems } from './record-form-kit';

const STATUS_LABELS: Record<(typeof MEETING_STATUSES)[number], string> = { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' };

/** A family network meeting: when, who came (the case's people), what it was for and what was agreed. */
export const networkMeetingFormSpec: RecordFormSpec = {
  type: 'network_meeting',
  view: 'records/network-meeting-form',

  fields: (ctx) => ({
    input: (d) => ({
      heldOn: date(d.heldOn),
      status: choice(d.status),
      attendees: participantInput(ctx, d.attendees, d.otherAttendees),
      purpose: text(d.purpose),
      outcome: text(d.outcome),
    }),
    labels: {
      '/data/heldOn': 'Date of the meeting',
      '/data/status': 'Status',
      '/data/attendees': 'Who came',
      '/data/purpose': 'What the meeting was for',
      '/data/outcome': 'What was agreed',
    },
    messages: {
      '/data/heldOn': { isCalendarDate: 'Date of the meeting must be a real date, like 27 3 2020' },
      '/data/status': { isIn: 'Select whether the meeting is planned, was held or was cancelled' },
    },
    errorsAt: participantErrorsAt('/data/attendees', '/data/attendees'),
  }),

  values: (stored) => {
    const m = stored as NetworkMeetingData | null;
    if (!m) return { data: { heldOn: dateParts(null), status: '', attendees: [], purpose: '', outcome: '' } };
    const who = participantValues(m.attendees);
    return {
      data: { heldOn: dateParts(m.heldOn), status: m.status, attendees: who.people, otherAttendees: who.others, purpose: m.purpose ?? '', outcome: m.outcome ?? '' },
    };
  },

  choices: (ctx, values) => ({
    statusItems: MEETING_STATUSES.map((value) => ({ value, text: STATUS_LABELS[value] })),
    peopleItems: personItems(ctx.people),
    otherParticipants: otherParticipantsShown(values, 'otherAttendees'),
  }),
};
