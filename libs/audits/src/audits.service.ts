import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessLogService, AuthUser, NameBook, UserNames, UsersRepository } from '@mapwork/auth';
import { StoredCaseFiles } from '@mapwork/casefile';
import { CaseState, CasesService } from '@mapwork/casework';
import { CaseFidelity, FidelityCase, IndicatorId, isScored, parseAsOf, scoreCase } from '@mapwork/fidelity';
import {
  Clock,
  ConflictError,
  FieldProblem,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PageRequest,
  compareCodePoints,
  normaliseInstant,
  pageOfList,
  pageOffset,
} from '@mapwork/kernel';
import { AuditRoundEntity, CaseAuditEntity, CaseEntity, TeamEntity, TransactionRunner } from '@mapwork/persistence';
import { RevisionsService } from '@mapwork/revisions';
import { In } from 'typeorm';
import {
  AuditAction,
  AuditForReport,
  AuditState,
  FamilyFeedback,
  Grade,
  RoundStatus,
  auditState,
  emptyAudit,
  isLocked,
  isOverdue,
  isWithdrawn,
  namedAuditState,
  roundFigures,
  userIdsIn,
} from './audit';
import { AuditsRepository } from './audits.repository';
import { renderCaseAudit } from './render';
import { Candidate, drawPerTeam } from './sampling';

export const SNAPSHOT_FORMAT = 'mapwork-audit-snapshot/1';

export type SampleRule = { kind: 'named'; cases: Array<{ site: string; ref: string }> } | { kind: 'random'; perTeam: number; seed: string };

export interface NewRound {
  name: string;
  teamIds: string[];
  asOf: string;
  sample: SampleRule;
  auditors?: string[];
  dueOn: string;
  previousRoundId?: string | null;
}

export interface AuditChanges {
  verdicts?: Partial<Record<IndicatorId, { verdict: 'confirm' | 'dispute'; note?: string | null }>>;
  workingWell?: string[];
  worries?: string[];
  needsToHappen?: string[];
  practiceScale?: { score: number; reason?: string | null } | null;
  grade?: Grade | null;
  familyFeedback?: FamilyFeedback | null;
  actions?: Array<Omit<AuditAction, 'id' | 'doneOn'> & { id?: string; doneOn?: string | null }>;
}

function assertNotWithdrawn(state: AuditState) {
  if (isWithdrawn(state)) throw new ConflictError(`the audit was withdrawn from the round: ${state.withdrawal!.reason}`, { code: 'AUDIT_WITHDRAWN' });
}

const NEXT: Record<RoundStatus, RoundStatus | null> = { planned: 'in_progress', in_progress: 'moderation', moderation: 'closed', closed: null };

/**
 * Collaborative case audits: a manager draws a sample of cases as they stood at an
 * instant, then auditor and worker go through each case's frozen snapshot together,
 * sign it off, and a second manager moderates a share of the grades.
 */
@Injectable()
export class AuditsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audits: AuditsRepository,
    private readonly cases: CasesService,
    private readonly stored: StoredCaseFiles,
    private readonly revisions: RevisionsService,
    private readonly accessLog: AccessLogService,
    private readonly users: UsersRepository,
    private readonly names: UserNames,
    private readonly clock: Clock,
  ) {}

  // ---- rounds -----------------------------------------------------------------------

  async createRound(user: AuthUser, input: NewRound) {
    const problems: FieldProblem[] = [];
    input.teamIds.forEach((id, i) => {
      if (!user.teamIds.includes(id)) problems.push({ pointer: `/teamIds/${i}`, rule: 'teamOfYours', message: 'managers run rounds for their own teams' });
    });
    if (input.sample.kind === 'named') {
      const seen = new Set<string>();
      input.sample.cases.forEach((c, i) => {
        const key = `${c.site}\u0000${c.ref}`;
        if (seen.has(key)) problems.push({ pointer: `/sample/cases/${i}`, rule: 'drawnOnce', message: 'a case cannot be drawn twice in one round' });
        seen.add(key);
      });
    }
    if (problems.length) throw new InvalidInputError(problems);
    return this.tx.write(async (em) => {
      if (input.previousRoundId && !(await this.audits.round(em, input.previousRoundId))) {
        throw InvalidInputError.single('/previousRoundId', 'roundExists', 'there is no such round');
      }
      const round: AuditRoundEntity = {
        id: randomUUID(),
        name: input.name,
        teamIds: JSON.stringify([...new Set(input.teamIds)].sort()),
        asOf: normaliseInstant(input.asOf),
        sample: JSON.stringify(input.sample),
        auditors: JSON.stringify(input.auditors?.length ? input.auditors : [user.id]),
        dueOn: input.dueOn,
        status: 'planned',
        previousRoundId: input.previousRoundId ?? null,
        drawn: null,
        createdBy: user.id,
        createdAt: this.clock.now(),
      };
      await em.getRepository(AuditRoundEntity).insert(round);
      return this.roundView(em, round);
    });
  }

  /** The rounds of the user's teams, newest first, each with how many audits are signed off or withdrawn. */
  listRounds(user: AuthUser, p: PageRequest) {
    return this.tx.read(async (em) => {
      const page = pageOfList((await this.audits.rounds(em)).filter((r) => this.managesRound(user, r)), p);
      const audits = await this.audits.auditsOfRounds(em, page.items.map((r) => r.id));
      const names = await this.names.book(em, page.items.flatMap((r) => [r.createdBy, ...(JSON.parse(r.auditors) as string[])]));
      return {
        ...page,
        items: page.items.map((r) => {
          const states = audits.filter((a) => a.roundId === r.id).map((a) => auditState(a.data!));
          return { ...this.roundFields(r, names), counts: { audits: states.length, signedOff: states.filter(isLocked).length, withdrawn: states.filter(isWithdrawn).length } };
        }),
      };
    });
  }

  /** The audits of a round, in (site, ref) order. */
  roundAudits(user: AuthUser, roundId: string, p: PageRequest) {
    return this.tx.read(async (em) => {
      const round = await this.roundFor(em, user, roundId);
      const [rows, total] = await this.audits.pageOfRound(em, round.id, pageOffset(p), p.pageSize);
      const names = await this.names.book(em, rows.flatMap((a) => [a.auditorId, a.workerId]));
      return { items: rows.map((a) => this.auditSummary(a, names)), total, ...p };
    });
  }

  getRound(user: AuthUser, roundId: string) {
    return this.tx.read(async (em) => this.roundView(em, await this.roundFor(em, user, roundId)));
  }

  /** Draws the sample and opens an audit on each case's frozen snapshot. */
  draw(user: AuthUser, roundId: string) {
    return this.tx.write(async (em) => {
      const round = await this.roundFor(em, user, roundId);
      if (round.status !== 'planned') throw new ConflictError(`the round is ${round.status}: its sample was drawn already`, { code: 'ALREADY_DRAWN' });
      const candidates = await this.candidates(em, round);
      const rule = JSON.parse(round.sample) as SampleRule;
      let drawn: Candidate[];
      if (rule.kind === 'random') drawn = drawPerTeam(candidates, rule.perTeam, rule.seed);
      else {
        const byRef = new Map(candidates.map((c) => [`${c.site}\u0000${c.ref}`, c]));
        const problems = rule.cases
          .map((c, i) => ({ c, i }))
          .filter(({ c }) => !byRef.has(`${c.site}\u0000${c.ref}`))
          .map(({ c, i }) => ({ pointer: `/sample/cases/${i}`, rule: 'eligible', message: `${c.ref} was not an open case of the round's teams at ${round.asOf}` }));
        if (problems.length) throw new InvalidInputError(problems, 'some named cases cannot be audited in this round');
        drawn = rule.cases.map((c) => byRef.get(`${c.site}\u0000${c.ref}`)!);
      }
      const auditors = JSON.parse(round.auditors) as string[];
      for (const [i, c] of drawn.entries()) await this.openAudit(em, round, c, auditors[i % auditors.length], user);
      await em.getRepository(AuditRoundEntity).update({ id: round.id }, { status: 'in_progress', drawn: JSON.stringify(drawn.map(({ site, ref, teamId }) => ({ site, ref, teamId }))) });
      return this.roundView(em, (await this.audits.round(em, round.id))!);
    });
  }

  /** Moves a round on: in progress → moderation (every audit signed off) → closed. */
  advance(user: AuthUser, roundId: string, to: RoundStatus) {
    return this.tx.write(async (em) => {
      const round = await this.roundFor(em, user, roundId);
      if (NEXT[round.status as RoundStatus] !== to || to === 'in_progress') {
        throw new ConflictError(`a round that is ${round.status} cannot move to ${to}${to === 'in_progress' ? ' (drawing its sample starts it)' : ''}`, { code: 'BAD_TRANSITION' });
      }
      if (to === 'moderation') {
        const open = (await this.audits.auditsOfRound(em, round.id)).map((a) => auditState(a.data!)).filter((state) => !isLocked(state) && !isWithdrawn(state));
        if (open.length) throw new ConflictError(`${open.length} audits are neither signed off by both auditor and worker nor withdrawn`, { code: 'NOT_SIGNED_OFF' });
      }
      await em.getRepository(AuditRoundEntity).update({ id: round.id }, { status: to });
      return this.roundView(em, (await this.audits.round(em, round.id))!);
    });
  }

  report(user: AuthUser, roundId: string) {
    return this.tx.read(async (em) => {
      const round = await this.roundFor(em, user, roundId);
      const current = await this.forReport(em, round.id);
      const previous = round.previousRoundId ? await this.forReport(em, round.previousRoundId) : [];
      const figures = roundFigures(current, previous, this.clock.now().slice(0, 10));
      const { view, names } = await this.roundWithNames(em, round, figures.withdrawn.map((w) => w.by));
      return { format: 'mapwork-round-report/1', round: view, ...figures, withdrawn: figures.withdrawn.map((w) => ({ ...w, byName: names.name(w.by) })) };
    });
  }

  // ---- case audits --------------------------------------------------------------------

  getAudit(user: AuthUser, auditId: string) {
    return this.tx.read(async (em) => {
      const { audit } = await this.auditFor(em, user, auditId);
      await this.accessLog.record(em, user.id, audit.caseId, 'read', `GET /api/v1/audits/${auditId}`);
      return this.namedAuditView(em, audit);
    });
  }

  /** Audits the user takes part in; for managers, also their teams'. Newest round first. */
  mine(user: AuthUser, p: PageRequest) {
    return this.tx.read(async (em) => {
      const teams = user.role === 'team_manager' ? user.teamIds : [];
      const [rows, total] = await this.audits.pageOfParticipant(em, user.id, teams, pageOffset(p), p.pageSize);
      const names = await this.names.book(em, rows.flatMap((a) => [a.auditorId, a.workerId]));
      return { items: rows.map((a) => this.auditSummary(a, names)), total, ...p };
    });
  }

  /** Overdue actions of the user's teams' audits, soonest due first (actions live inside audit states, so they are paged here). */
  overdueActions(user: AuthUser, p: PageRequest) {
    return this.tx.read(async (em) => {
      const today = this.clock.now().slice(0, 10);
      const all = (await this.audits.auditsOfTeams(em, user.teamIds))
        .flatMap((a) => {
          const state = auditState(a.data!);
          return isWithdrawn(state) ? [] : state.actions.filter((x) => isOverdue(x, today)).map((x) => ({ auditId: a.id, caseRef: a.caseRef, ...x }));
        })
        .sort((x, y) => compareCodePoints(x.dueOn, y.dueOn) || compareCodePoints(x.caseRef, y.caseRef) || compareCodePoints(x.auditId, y.auditId) || compareCodePoints(x.id, y.id));
      return pageOfList(all, p);
    });
  }

  /** The auditor and the worker change what is theirs to change; after both sign-off, only as an amendment. */
  change(user: AuthUser, auditId: string, basedOn: number, changes: AuditChanges, meta: { reason: string | null; amendment: boolean }) {
    return this.tx.write(async (em) => {
      const { audit, round, as } = await this.auditToChange(em, user, auditId);
      if (round.status !== 'in_progress' && round.status !== 'moderation') throw new ConflictError(`the round is ${round.status}`, { code: 'ROUND_NOT_OPEN' });
      const state = auditState(audit.data!);
      this.assertMayChange(state, meta);
      const now = this.clock.now();
      const next: AuditState = structuredClone(state);
      if (changes.verdicts) {
        for (const [id, v] of Object.entries(changes.verdicts)) {
          if (!v) continue;
          next.verdicts[id as IndicatorId] = { ...next.verdicts[id as IndicatorId], [as]: { verdict: v.verdict, note: v.note ?? null, by: user.id, at: now } };
        }
      }
      for (const section of ['workingWell', 'worries', 'needsToHappen'] as const) if (changes[section]) next[section] = changes[section]!;
      if (changes.practiceScale !== undefined) next.practiceScale = changes.practiceScale && { score: changes.practiceScale.score, reason: changes.practiceScale.reason ?? null };
      if (changes.familyFeedback !== undefined) next.familyFeedback = changes.familyFeedback;
      if (changes.grade !== undefined) {
        if (as !== 'auditor') throw InvalidInputError.single('/grade', 'auditorGrades', 'the auditor gives the overall grade');
        next.grade = changes.grade;
      }
      if (changes.actions) next.actions = changes.actions.map((a) => ({ id: a.id ?? randomUUID(), text: a.text, owner: a.owner, dueOn: a.dueOn, doneOn: a.doneOn ?? null }));
      await this.revisions.update(em, this.audits.store(audit), basedOn, next, { actor: user.id, reason: meta.amendment ? `amendment: ${meta.reason}` : meta.reason });
      await this.accessLog.record(em, user.id, audit.caseId, 'write', `PATCH /api/v1/audits/${auditId}`);
      return this.namedAuditView(em, (await this.audits.audit(em, auditId))!);
    });
  }

  signOff(user: AuthUser, auditId: string, basedOn: number) {
    return this.tx.write(async (em) => {
      const { audit, round, as } = await this.auditToChange(em, user, auditId);
      if (round.status !== 'in_progress') throw new ConflictError(`the round is ${round.status}`, { code: 'ROUND_NOT_OPEN' });
      const state = auditState(audit.data!);
      assertNotWithdrawn(state);
      if (state.signOff[as]) throw new ConflictError(`the ${as} has signed this audit off already`, { code: 'ALREADY_SIGNED' });
      if (as === 'auditor' && !state.grade) throw InvalidInputError.single('/grade', 'required', 'give the overall grade before signing off');
      const next = { ...state, signOff: { ...state.signOff, [as]: { by: user.id, at: this.clock.now() } } };
      await this.revisions.update(em, this.audits.store(audit), basedOn, next, { actor: user.id, reason: `signed off by the ${as}` });
      return this.namedAuditView(em, (await this.audits.audit(em, auditId))!);
    });
  }

  /** A second manager re-grades a signed-off audit during the round's moderation. */
  moderate(user: AuthUser, auditId: string, basedOn: number, grade: Grade, note: string | null) {
    return this.tx.write(async (em) => {
      const audit = await this.audits.audit(em, auditId);
      if (!audit || audit.deleted || !audit.teamId || !user.teamIds.includes(audit.teamId) || user.role !== 'team_manager') throw new NotFoundError('case audit');
      const round = (await this.audits.round(em, audit.roundId))!;
      if (round.status !== 'moderation') throw new ConflictError('moderation happens when the round is in moderation', { code: 'ROUND_NOT_IN_MODERATION' });
      if (audit.auditorId === user.id) throw new ForbiddenError('a moderator is a manager other than the auditor');
      const state = auditState(audit.data!);
      assertNotWithdrawn(state);
      const next = { ...state, moderation: { by: user.id, at: this.clock.now(), grade, note } };
      await this.revisions.update(em, this.audits.store(audit), basedOn, next, { actor: user.id, reason: 'moderation' });
      return this.namedAuditView(em, (await this.audits.audit(em, auditId))!);
    });
  }

  /**
   * A manager of the case's team gives the audit to another social worker of that team
   * (the case's worker has left, say), while the round is in progress and before the
   * worker has signed it off. The reason is kept in the state and in the revision.
   */
  reassign(user: AuthUser, auditId: string, basedOn: number, workerId: string, reason: string) {
    return this.tx.write(async (em) => {
      const { audit, state } = await this.auditToManage(em, user, auditId);
      if (state.signOff.worker) throw new ConflictError('the worker has signed this audit off: it stays theirs', { code: 'ALREADY_SIGNED' });
      if (workerId === audit.workerId) throw InvalidInputError.single('/worker', 'otherWorker', 'the audit is already this worker’s');
      if (!(await this.users.activeWorkerOfTeam(em, workerId, audit.teamId!))) {
        throw InvalidInputError.single('/worker', 'activeWorkerOfTeam', "the new worker must be an active social worker of the case's team");
      }
      const next: AuditState = { ...state, reassignments: [...state.reassignments, { from: audit.workerId, to: workerId, by: user.id, at: this.clock.now(), reason }] };
      await this.revisions.update(em, this.audits.store(audit), basedOn, next, { actor: user.id, reason: `reassigned: ${reason}` });
      await this.audits.setWorker(em, audit.id, workerId);
      await this.accessLog.record(em, user.id, audit.caseId, 'write', `POST /api/v1/audits/${auditId}/reassign`);
      return this.namedAuditView(em, (await this.audits.audit(em, auditId))!);
    });
  }

  /**
   * A manager of the case's team takes the audit out of the round before it is signed off
   * by both, with a reason. It keeps its history, is reported as withdrawn, counts in no
   * figure of the round report, and no longer holds the round back from moderation.
   */
  withdraw(user: AuthUser, auditId: string, basedOn: number, reason: string) {
    return this.tx.write(async (em) => {
      const { audit, state } = await this.auditToManage(em, user, auditId);
      if (isLocked(state)) throw new ConflictError('the audit is signed off by both: it is complete and cannot be withdrawn', { code: 'AUDIT_LOCKED' });
      const next: AuditState = { ...state, withdrawal: { by: user.id, at: this.clock.now(), reason } };
      await this.revisions.update(em, this.audits.store(audit), basedOn, next, { actor: user.id, reason: `withdrawn: ${reason}` });
      await this.accessLog.record(em, user.id, audit.caseId, 'write', `POST /api/v1/audits/${auditId}/withdraw`);
      return this.namedAuditView(em, (await this.audits.audit(em, auditId))!);
    });
  }

  /** The audit record a worker can keep, as a printable page. */
  printable(user: AuthUser, auditId: string) {
    return this.tx.read(async (em) => {
      const { audit, round } = await this.auditFor(em, user, auditId);
      await this.accessLog.record(em, user.id, audit.caseId, 'read', `GET /api/v1/audits/${auditId}/print`);
      const v = this.auditView(audit);
      const names = await this.names.book(em, [audit.auditorId, audit.workerId]);
      return renderCaseAudit({
        caseRef: audit.caseRef,
        roundName: round.name,
        asOf: round.asOf,
        auditorName: names.name(audit.auditorId) ?? 'the auditor',
        workerName: names.name(audit.workerId) ?? 'the social worker',
        version: v.version,
        computed: v.snapshot.fidelity.indicators,
        state: v.state,
      });
    });
  }

  /**
   * Every revision, newest first, each with its author's name. The states are exactly as
   * stored (their hashes check), so the user ids inside them are named in `names` beside.
   */
  history(user: AuthUser, auditId: string, p: PageRequest) {
    return this.tx.read(async (em) => {
      const { audit } = await this.auditFor(em, user, auditId);
      this.accessLog.touch([audit.caseId]);
      const page = await this.revisions.history<AuditState>(em, this.audits.store(audit).key, p.page, p.pageSize);
      const inStates = page.items.flatMap((r) => (r.state ? userIdsIn({ ...emptyAudit(), ...r.state }) : []));
      const names = await this.names.book(em, [...page.items.map((r) => r.by), ...inStates]);
      return { ...page, items: page.items.map((r) => ({ ...r, byName: names.name(r.by) })), names: names.record(inStates) };
    });
  }

  // ---- helpers ------------------------------------------------------------------------

  private assertMayChange(state: AuditState, meta: { reason: string | null; amendment: boolean }) {
    assertNotWithdrawn(state);
    if (isLocked(state) && !meta.amendment) throw new ConflictError('the audit is signed off: send amendment: true with a reason to change it', { code: 'AUDIT_LOCKED' });
    if (meta.amendment && !isLocked(state)) throw InvalidInputError.single('/amendment', 'lockedOnly', 'only a signed-off audit is amended');
    if (meta.amendment && !meta.reason?.trim()) throw InvalidInputError.single('/reason', 'required', 'an amendment needs a reason');
  }

  private managesRound(user: AuthUser, round: AuditRoundEntity): boolean {
    return user.role === 'team_manager' && (JSON.parse(round.teamIds) as string[]).every((t) => user.teamIds.includes(t));
  }

  private async roundFor(em: EntityManager, user: AuthUser, roundId: string) {
    const round = await this.audits.round(em, roundId);
    if (!round || !this.managesRound(user, round)) throw new NotFoundError('audit round');
    return round;
  }

  /** The audit and the user's part in it: the round's auditor, or the case's worker. */
  private async auditFor(em: EntityManager, user: AuthUser, auditId: string) {
    const audit = await this.audits.audit(em, auditId);
    const round = audit && (await this.audits.round(em, audit.roundId));
    if (!audit || !round || audit.deleted) throw new NotFoundError('case audit');
    const as: 'auditor' | 'worker' | null = audit.auditorId === user.id ? 'auditor' : audit.workerId === user.id ? 'worker' : null;
    const managerOfTeam = user.role === 'team_manager' && !!audit.teamId && user.teamIds.includes(audit.teamId);
    if (!as && !managerOfTeam) throw new NotFoundError('case audit');
    return { audit, round, as };
  }

  /** The audit and the user's part in it, for a change: only the auditor and the case's worker change it. */
  private async auditToChange(em: EntityManager, user: AuthUser, auditId: string) {
    const found = await this.auditFor(em, user, auditId);
    if (!found.as) throw new ForbiddenError("only the round's auditor and the case's worker change or sign the audit");
    return { ...found, as: found.as };
  }

  /** The audit, its round and state, for a change by a manager of the case's team while the round is in progress. */
  private async auditToManage(em: EntityManager, user: AuthUser, auditId: string) {
    const found = await this.auditFor(em, user, auditId);
    if (user.role !== 'team_manager' || !found.audit.teamId || !user.teamIds.includes(found.audit.teamId)) {
      throw new ForbiddenError("only a manager of the case's team reassigns or withdraws an audit");
    }
    if (found.round.status !== 'in_progress') throw new ConflictError(`the round is ${found.round.status}`, { code: 'ROUND_NOT_OPEN' });
    const state = auditState(found.audit.data!);
    assertNotWithdrawn(state);
    return { ...found, state };
  }

  private roundFields(round: AuditRoundEntity, names: NameBook) {
    const auditors = JSON.parse(round.auditors) as string[];
    return {
      id: round.id,
      name: round.name,
      teamIds: JSON.parse(round.teamIds) as string[],
      asOf: round.asOf,
      sample: JSON.parse(round.sample) as SampleRule,
      auditors,
      auditorNames: auditors.map((id) => names.name(id)),
      dueOn: round.dueOn,
      status: round.status,
      previousRoundId: round.previousRoundId,
      drawn: round.drawn ? JSON.parse(round.drawn) : null,
      createdBy: round.createdBy,
      createdByName: names.name(round.createdBy),
    };
  }

  private auditSummary(a: CaseAuditEntity, names: NameBook) {
    const state = auditState(a.data!);
    return {
      id: a.id,
      roundId: a.roundId,
      caseId: a.caseId,
      site: a.siteCode,
      ref: a.caseRef,
      teamId: a.teamId,
      auditorId: a.auditorId,
      auditorName: names.name(a.auditorId),
      workerId: a.workerId,
      workerName: names.name(a.workerId),
      version: a.version,
      signedOff: isLocked(state),
      withdrawn: isWithdrawn(state),
    };
  }

  /** A round with all its audits (a round's sample is bounded by its rule: at most 500 named, or 100 per team). */
  private async roundView(em: EntityManager, round: AuditRoundEntity) {
    return (await this.roundWithNames(em, round, [])).view;
  }

  /** The round view, and the names of its users and of `more` (one query). */
  private async roundWithNames(em: EntityManager, round: AuditRoundEntity, more: string[]) {
    const audits = await this.audits.auditsOfRound(em, round.id);
    const names = await this.names.book(em, [round.createdBy, ...(JSON.parse(round.auditors) as string[]), ...audits.flatMap((a) => [a.auditorId, a.workerId]), ...more]);
    const view = {
      ...this.roundFields(round, names),
      audits: audits.map((a) => this.auditSummary(a, names)).sort((x, y) => compareCodePoints(x.site, y.site) || compareCodePoints(x.ref, y.ref) || compareCodePoints(x.id, y.id)),
    };
    return { view, names };
  }

  private auditView(a: CaseAuditEntity) {
    return {
      id: a.id,
      roundId: a.roundId,
      caseId: a.caseId,
      teamId: a.teamId,
      auditorId: a.auditorId,
      workerId: a.workerId,
      version: a.version,
      snapshot: JSON.parse(a.snapshot) as { format: string; asOf: string; case: Awaited<ReturnType<CasesService['documentAsOf']>>; fidelity: CaseFidelity },
      state: auditState(a.data!),
    };
  }

  /** The audit as the API shows it: beside every user id, that user's name. */
  private async namedAuditView(em: EntityManager, a: CaseAuditEntity) {
    const v = this.auditView(a);
    const names = await this.names.book(em, [a.auditorId, a.workerId, ...userIdsIn(v.state)]);
    return { ...v, auditorName: names.name(a.auditorId), workerName: names.name(a.workerId), withdrawn: isWithdrawn(v.state), state: namedAuditState(v.state, (id) => names.name(id)) };
  }

  private async forReport(em: EntityManager, roundId: string): Promise<AuditForReport[]> {
    const teams = new Map((await em.getRepository(TeamEntity).find()).map((t) => [t.id, t.name]));
    const audits = await this.audits.auditsOfRound(em, roundId);
    this.accessLog.touch(audits.map((a) => a.caseId));
    return audits.map((a) => {
      const v = this.auditView(a);
      return { id: a.id, team: a.teamId ? (teams.get(a.teamId) ?? null) : null, snapshot: v.snapshot.fidelity, state: v.state };
    });
  }

  /** Open cases of the round's teams as they stood at its instant; a case closed before then is left out. */
  private async candidates(em: EntityManager, round: AuditRoundEntity): Promise<Candidate[]> {
    const teamIds = JSON.parse(round.teamIds) as string[];
    const teams = await em.getRepository(TeamEntity).find({ where: { id: In(teamIds) } });
    const rows = await em.getRepository(CaseEntity).find({ where: { teamId: In(teamIds), deleted: false } });
    const date = round.asOf.slice(0, 10);
    const out: Candidate[] = [];
    for (const row of rows) {
      const then = (await this.revisions.asOf<CaseState>(em, { entityType: 'case', caseId: row.id, entityId: row.id }, round.asOf))?.state;
      if (!then) continue;
      const team = teams.find((t) => t.siteCode === then.site && t.name === then.team);
      if (!team || then.openedOn > date || (then.closedOn !== null && then.closedOn < date)) continue;
      out.push({ caseId: row.id, site: then.site, ref: then.ref, teamId: team.id });
    }
    return out;
  }

  private async openAudit(em: EntityManager, round: AuditRoundEntity, c: Candidate, auditorId: string, user: AuthUser) {
    const doc = await this.cases.documentAsOf(em, c.caseId, round.asOf);
    const file = await this.stored.one(em, c.caseId);
    const asOf = parseAsOf(round.asOf.replace('.000Z', 'Z'));
    const fidelityCase = { ...file!, site: c.site } as FidelityCase;
    const fidelity: CaseFidelity = { ref: c.ref, site: c.site, team: doc.case.team, worker: doc.case.worker, ...scoreCase(fidelityCase, asOf) };
    if (!isScored(fidelityCase, asOf)) throw new ConflictError(`case ${c.ref} was not open at ${round.asOf}`);
    const audit: CaseAuditEntity = {
      id: randomUUID(),
      roundId: round.id,
      caseId: c.caseId,
      siteCode: c.site,
      caseRef: c.ref,
      teamId: c.teamId,
      auditorId,
      workerId: doc.case.worker,
      snapshot: JSON.stringify({ format: SNAPSHOT_FORMAT, asOf: round.asOf, case: doc, fidelity }),
      data: JSON.stringify(emptyAudit()),
      version: 1,
      deleted: false,
    };
    await em.getRepository(CaseAuditEntity).insert(audit);
    await this.revisions.append(em, this.audits.store(audit).key, 1, emptyAudit(), { actor: user.id, reason: `drawn into round ${round.name}` });
    await this.accessLog.record(em, user.id, c.caseId, 'read', `POST /api/v1/audit-rounds/${round.id}/draw`);
  }
}

