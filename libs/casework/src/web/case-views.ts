import { formatDateForPeople } from '@mapwork/kernel';
import { CASE_WRITERS } from '../case-access.service';
import { AuthUser } from '@mapwork/auth';
import { CaseSummary } from '../case-summary';
import { PersonView, RecordView } from '../services/views';
import { CaseOverview, CaseloadEntry, LastChange } from '../services/case-overview.service';
import { printLink } from './records/record-forms';
import { CASE_STAGE_LABELS, PEOPLE_GROUPS, PERSON_ROLE_LABELS, recordHref, recordTitle } from './labels';

/** The case pages' view models: what the templates show, worked out from what the services return. */


export function mayWrite(user: AuthUser): boolean {
  return (CASE_WRITERS as readonly string[]).includes(user.role);
}

/** "Ellie Carter and Sam Carter", or the case reference when the case has no child. */
export function caseTitle(children: string[], ref: string): string {
  return children.length ? children.join(' and ') : `Case ${ref}`;
}

export function nextText(summary: CaseSummary): string {
  if (summary.next) {
    const what = summary.next.what === 'next_step' ? 'Next step due' : 'Network meeting';
    return `${what} ${formatDateForPeople(summary.next.on)}${summary.next.text ? `: ${summary.next.text}` : ''}`;
  }
  return summary.lastRecordedOn ? `Nothing dated ahead. Last record ${formatDateForPeople(summary.lastRecordedOn)}` : 'Nothing recorded yet';
}

export function overdueText(step: CaseSummary['overdueSteps'][number]): string {
  return `${step.text} (due ${formatDateForPeople(step.dueOn)}${step.owner ? `, ${step.owner}` : ''})`;
}

export function caseloadRow(entry: CaseloadEntry) {
  return {
    href: `/cases/${entry.case.id}`,
    children: caseTitle(entry.children, entry.case.ref),
    ref: entry.case.ref,
    team: entry.case.team,
    next: nextText(entry),
    overdue: entry.overdueSteps.map(overdueText),
  };
}

/** Who made a change: for an imported one, its author in the source system (the importer is in the history). */
function changeText(change: LastChange | null) {
  if (!change) return null;
  const by = change.source ? (change.source.byName ?? change.source.by) : (change.byName ?? change.by);
  return { at: change.at, by, reason: change.reason ?? 'No reason given' };
}

function personRow(caseId: string, p: PersonView, writable: boolean) {
  const lines = [
    PERSON_ROLE_LABELS[p.role],
    p.relationship ? `Relationship: ${p.relationship}` : null,
    p.birthDate ? `Born ${formatDateForPeople(p.birthDate)}` : null,
  ].filter((x): x is string => !!x);
  const name = p.name ?? `Name not recorded (${p.id})`;
  return { key: name, lines, href: writable ? `/cases/${caseId}/people/${encodeURIComponent(p.id)}` : null, action: 'Change', actionHidden: name };
}

function recordRow(caseId: string, r: RecordView & { lastChange: LastChange | null }) {
  const data = (r.data ?? {}) as Record<string, unknown>;
  const kind = typeof data.kind === 'string' ? ` (${data.kind})` : typeof data.status === 'string' ? ` (${data.status})` : '';
  return { href: recordHref(caseId, r.type, r.id), title: `${recordTitle(r.type)}${kind}`, id: r.id, change: changeText(r.lastChange), print: printLink(caseId, r.type, r.id) };
}

export function casePageModel(c: CaseOverview, user: AuthUser) {
  const writable = mayWrite(user);
  const details = [
    { key: 'Case reference', value: c.case.ref },
    { key: 'Team', value: `${c.case.team ?? 'No team'}, ${c.case.site}` },
    { key: 'Stage', value: CASE_STAGE_LABELS[c.case.stage] ?? c.case.stage },
    { key: 'Opened', value: formatDateForPeople(c.case.openedOn) },
    ...(c.case.closedOn ? [{ key: 'Closed', value: formatDateForPeople(c.case.closedOn) }] : []),
    { key: 'Allocated worker', value: c.case.workerName ?? c.case.worker ?? 'Not allocated' },
    { key: 'Next', value: nextText(c.summary) },
  ];
  const people = PEOPLE_GROUPS.map((g) => ({
    heading: g.heading,
    rows: c.people.filter((p) => !p.deleted && g.roles.includes(p.role)).map((p) => personRow(c.case.id, p, writable)),
  })).filter((g) => g.rows.length);
  return {
    title: caseTitle(c.summary.children, c.case.ref),
    caseRef: c.case.ref,
    caseId: c.case.id,
    details,
    overdue: c.summary.overdueSteps.map(overdueText),
    people,
    records: c.records.filter((r) => r.data !== null).map((r) => recordRow(c.case.id, r)),
    writable,
  };
}

/** A record as plain rows: the minimal read-only page until each record type has its own. */
export function recordRows(data: Record<string, unknown>) {
  const label = (key: string) => key.replace(/([A-Z])/g, (c) => ` ${c.toLowerCase()}`).replace(/^./, (c) => c.toUpperCase());
  const fields = (o: object) =>
    Object.entries(o)
      .filter(([, x]) => x !== null && x !== undefined)
      .map(([k, x]) => `${label(k)}: ${Array.isArray(x) ? x.join(', ') : String(x)}`)
      .join('; ');
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v !== 'object') return String(v);
    const { text, ...rest } = v as { text?: unknown };
    if (typeof text !== 'string') return fields(v);
    const more = fields(rest);
    return more ? `${text} (${more})` : text;
  };
  return Object.entries(data).map(([key, v]) =>
    Array.isArray(v) ? { key: label(key), lines: v.length ? v.map(show) : ['None recorded'] } : { key: label(key), value: show(v) },
  );
}
