import { CaseFidelity, INDICATORS, IndicatorId, groupFigures } from '@mapwork/fidelity';
import { Rating, cohenKappa, weightedKappa } from '@mapwork/statistics';
import { compareCodePoints } from '@mapwork/kernel/string-order';

export const GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];
export const ROUND_STATUSES = ['planned', 'in_progress', 'moderation', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const FEEDBACK_ANSWERS = ['yes', 'partly', 'no', 'not_asked'] as const;
export type FeedbackAnswer = (typeof FEEDBACK_ANSWERS)[number];

/** A stamp of who did something and when. */
export interface Stamp {
  by: string;
  at: string;
}

export interface VerdictEntry extends Stamp {
  verdict: 'confirm' | 'dispute';
  note: string | null;
}

/** Family feedback where gathered: the items on which the evaluation found differences between sites. */
export interface FamilyFeedback {
  knowsThereIsAPlan: FeedbackAnswer;
  planRepresentsFamilyViews: FeedbackAnswer;
  understandsTheWorries: FeedbackAnswer;
  agreesWithWorkerOnWhatMustChange: FeedbackAnswer;
}

export interface AuditAction {
  id: string;
  text: string;
  owner: string;
  dueOn: string;
  doneOn: string | null;
}

/** One collaborative case audit: what auditor and worker agreed, kept with its history. */
export interface AuditState {
  /** per indicator, the auditor's and the worker's confirmation or dispute of the computed value */
  verdicts: Partial<Record<IndicatorId, { auditor?: VerdictEntry; worker?: VerdictEntry }>>;
  workingWell: string[];
  worries: string[];
  needsToHappen: string[];
  practiceScale: { score: number; reason: string | null } | null;
  grade: Grade | null;
  familyFeedback: FamilyFeedback | null;
  actions: AuditAction[];
  signOff: { auditor: Stamp | null; worker: Stamp | null };
  moderation: (Stamp & { grade: Grade; note: string | null }) | null;
  /** the audit's worker changed (the case's worker had left, say): from whom, to whom, why */
  reassignments: Reassignment[];
  /** taken out of the round before sign-off, with the reason; it then blocks nothing */
  withdrawal: (Stamp & { reason: string }) | null;
}

export interface Reassignment extends Stamp {
  from: string | null;
  to: string;
  reason: string;
}

export function emptyAudit(): AuditState {
  return {
    verdicts: {},
    workingWell: [],
    worries: [],
    needsToHappen: [],
    practiceScale: null,
    grade: null,
    familyFeedback: null,
    actions: [],
    signOff: { auditor: null, worker: null },
    moderation: null,
    reassignments: [],
    withdrawal: null,
  };
}

/** A stored audit state; states written before reassignment and withdrawal existed lack those fields. */
export function auditState(json: string): AuditState {
  return { ...emptyAudit(), ...(JSON.parse(json) as Partial<AuditState>) };
}

export function isWithdrawn(state: AuditState): boolean {
  return !!state.withdrawal;
}

type Named<T> = T & { byName: string | null };

/** The state as the API shows it: beside every user id, that user's display name. */
export function namedAuditState(state: AuditState, name: (id: string | null) => string | null) {
  const stamp = <T extends Stamp>(s: T | null | undefined): Named<T> | null => (s ? { ...s, byName: name(s.by) } : null);
  return {
    ...state,
    verdicts: Object.fromEntries(
      Object.entries(state.verdicts).map(([id, v]) => [id, { ...(v?.auditor && { auditor: stamp(v.auditor) }), ...(v?.worker && { worker: stamp(v.worker) }) }]),
    ),
    signOff: { auditor: stamp(state.signOff.auditor), worker: stamp(state.signOff.worker) },
    moderation: stamp(state.moderation),
    withdrawal: stamp(state.withdrawal),
    reassignments: state.reassignments.map((r) => ({ ...stamp(r)!, fromName: name(r.from), toName: name(r.to) })),
  };
}

/** Every user id an audit state names (who confirmed, disputed, signed, moderated, reassigned, withdrew). */
export function userIdsIn(state: AuditState): string[] {
  const stamps: Array<Stamp | null | undefined> = [
    ...Object.values(state.verdicts).flatMap((v) => [v?.auditor, v?.worker]),
    state.signOff.auditor,
    state.signOff.worker,
    state.moderation,
    state.withdrawal,
    ...state.reassignments,
  ];
  return [...stamps.flatMap((s) => (s ? [s.by] : [])), ...state.reassignments.flatMap((r) => (r.from ? [r.from, r.to] : [r.to]))];
}

/** Signed off by both: any later change is an amendment, with its own reason. */
export function isLocked(state: AuditState): boolean {
  return !!state.signOff.auditor && !!state.signOff.worker;
}

/** What the auditor says an indicator is: the computed value confirmed, or its opposite disputed. */
export function auditorValue(entry: VerdictEntry | undefined, computed: boolean | null): Rating | undefined {
  if (!entry) return undefined;
  if (entry.verdict === 'confirm') return computed;
  return computed === null ? 'applicable' : !computed;
}

export interface AuditForReport {
  id: string;
  team: string | null;
  snapshot: CaseFidelity;
  state: AuditState;
}

export function isOverdue(a: AuditAction, today: string): boolean {
  return !a.doneOn && a.dueOn < today;
}

/**
 * The round's figures: indicator rates per team (against the previous round's), the
 * grades, the three appreciative sections gathered as themes, actions still open, and
 * agreement: auditor and moderator grades (linear weighted kappa on the four ordered
 * grades), auditors and the computed indicators (Cohen's kappa per indicator).
 */
export function roundFigures(all: readonly AuditForReport[], previousAll: readonly AuditForReport[], today: string) {
  // a withdrawn audit is reported as withdrawn and counts in none of the figures
  const audits = all.filter((a) => !isWithdrawn(a.state));
  const previous = previousAll.filter((a) => !isWithdrawn(a.state));
  const byTeam = (list: readonly AuditForReport[]) => {
    const teams = new Map<string, CaseFidelity[]>();
    for (const a of list) teams.set(a.team ?? '(no team)', [...(teams.get(a.team ?? '(no team)') ?? []), a.snapshot]);
    return teams;
  };
  const now = byTeam(audits);
  const before = byTeam(previous);
  const teams = [...new Set([...now.keys()])].sort(compareCodePoints);
  const moderated = audits.filter((a) => a.state.grade && a.state.moderation);
  return {
    cases: audits.length,
    signedOff: audits.filter((a) => isLocked(a.state)).length,
    withdrawn: all.filter((a) => isWithdrawn(a.state)).map((a) => ({ auditId: a.id, caseRef: a.snapshot.ref, team: a.team, ...a.state.withdrawal! })),
    teams: teams.map((team) => ({
      team,
      current: groupFigures(team, now.get(team) ?? []),
      previous: before.has(team) ? groupFigures(team, before.get(team)!) : null,
    })),
    grades: Object.fromEntries(GRADES.map((g) => [g, audits.filter((a) => a.state.grade === g).length])) as Record<Grade, number>,
    themes: {
      workingWell: audits.flatMap((a) => a.state.workingWell),
      worries: audits.flatMap((a) => a.state.worries),
      needsToHappen: audits.flatMap((a) => a.state.needsToHappen),
    },
    actionsOutstanding: audits.flatMap((a) =>
      a.state.actions.filter((x) => !x.doneOn).map((x) => ({ auditId: a.id, caseRef: a.snapshot.ref, ...x, overdue: isOverdue(x, today) })),
    ),
    agreement: {
      moderation: {
        ...weightedKappa(moderated.map((a) => [a.state.grade!, a.state.moderation!.grade] as const), GRADES, 'linear'),
        moderated: moderated.length,
      },
      indicators: INDICATORS.map((id) => {
        const pairs = audits
          .map((a) => [auditorValue(a.state.verdicts[id]?.auditor, a.snapshot.indicators[id]), a.snapshot.indicators[id]] as const)
          .filter((p): p is readonly [Rating, boolean | null] => p[0] !== undefined);
        return { indicator: id, ...cohenKappa(pairs) };
      }),
    },
  };
}
