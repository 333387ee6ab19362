import { FieldProblem } from '@mapwork/kernel';
import { RecordType } from '@mapwork/revisions';
import { ChildVoiceData, MappingData, NetworkMeetingData, Participant, PersonRole, RecordData, SafetyPlanData } from './domain';

/** What the reference rules need to know about a case. */
export interface ReferenceContext {
  /** role of each person of the case, by person id */
  people: ReadonlyMap<string, PersonRole | string>;
  /**
   * Whether a safety goal's `addresses` must name danger statements of the same mapping.
   * Records written through the API must; the interchange format keeps dangling ids
   * from other systems (they are ignored by the metrics), so imports pass false.
   */
  goalsMustAddressKnownStatements: boolean;
  /** SHA-256 digests of attachments stored for the case; undefined skips the check */
  attachments?: ReadonlySet<string>;
}

function personRule(ctx: ReferenceContext, id: string | undefined, pointer: string, out: FieldProblem[]) {
  if (id !== undefined && id !== null && !ctx.people.has(id)) {
    out.push({ pointer, rule: 'personOfCase', message: `${id} is not a person of this case` });
  }
}

function participantRules(ctx: ReferenceContext, list: Participant[], base: string, out: FieldProblem[]) {
  list.forEach((p, i) => {
    if (p.personId === undefined || p.personId === null) return;
    const role = ctx.people.get(p.personId);
    if (role === undefined) {
      out.push({ pointer: `${base}/${i}/personId`, rule: 'personOfCase', message: `${p.personId} is not a person of this case` });
    } else if (role !== p.role) {
      out.push({ pointer: `${base}/${i}/role`, rule: 'roleOfPerson', message: `${p.personId} is a ${role}, not a ${p.role}` });
    }
  });
}

function uniqueIds(list: { id: string }[], base: string, what: string, out: FieldProblem[]) {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) out.push({ pointer: `${base}/${i}/id`, rule: 'uniqueId', message: `${what} id ${item.id} is used twice` });
    seen.add(item.id);
  });
}

/**
 * Rules that tie a record's data to its case: ids name people of the case, roles match
 * those people, ids within a mapping are unique. Pointers are relative to the data.
 */
export function recordReferenceProblems(type: RecordType, data: RecordData, ctx: ReferenceContext): FieldProblem[] {
  const out: FieldProblem[] = [];
  switch (type) {
    case 'mapping': {
      const m = data as MappingData;
      participantRules(ctx, m.participants ?? [], '/participants', out);
      uniqueIds(m.dangerStatements ?? [], '/dangerStatements', 'danger statement', out);
      uniqueIds(m.safetyGoals ?? [], '/safetyGoals', 'safety goal', out);
      if (ctx.goalsMustAddressKnownStatements) {
        const statements = new Set((m.dangerStatements ?? []).map((d) => d.id));
        (m.safetyGoals ?? []).forEach((g, i) =>
          (g.addresses ?? []).forEach((id, j) => {
            if (!statements.has(id)) {
              out.push({ pointer: `/safetyGoals/${i}/addresses/${j}`, rule: 'dangerStatementOfMapping', message: `${id} is not a danger statement of this mapping` });
            }
          }),
        );
      }
      (m.scaleRatings ?? []).forEach((r, i) => personRule(ctx, r.personId, `/scaleRatings/${i}/personId`, out));
      break;
    }
    case 'safety_plan': {
      const p = data as SafetyPlanData;
      (p.rules ?? []).forEach((rule, i) => (rule.ensuredBy ?? []).forEach((id, j) => personRule(ctx, id, `/rules/${i}/ensuredBy/${j}`, out)));
      (p.network ?? []).forEach((m, i) => personRule(ctx, m.personId, `/network/${i}/personId`, out));
      break;
    }
    case 'network_meeting': {
      participantRules(ctx, (data as NetworkMeetingData).attendees ?? [], '/attendees', out);
      break;
    }
    case 'child_voice': {
      const v = data as ChildVoiceData;
      const role = ctx.people.get(v.childId);
      if (role === undefined) out.push({ pointer: '/childId', rule: 'personOfCase', message: `${v.childId} is not a person of this case` });
      else if (role !== 'child') out.push({ pointer: '/childId', rule: 'childOfCase', message: `${v.childId} is a ${role}, not a child` });
      if (v.attachment && ctx.attachments && !ctx.attachments.has(v.attachment.sha256)) {
        out.push({ pointer: '/attachment/sha256', rule: 'attachmentUploaded', message: 'upload the attachment to this case before referring to it' });
      }
      break;
    }
  }
  return out;
}

/** Prefixes problem pointers, e.g. with `/data` for a request body. */
export function underPointer(prefix: string, problems: FieldProblem[]): FieldProblem[] {
  return problems.map((p) => ({ ...p, pointer: `${prefix}${p.pointer}` }));
}
