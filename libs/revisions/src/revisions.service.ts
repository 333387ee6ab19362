import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Clock,
  ConflictError,
  GoneError,
  InvalidInputError,
  NotFoundError,
  StaleVersionError,
  canonicalJson,
  instantToMillis,
  millisToInstant,
  normaliseInstant,
} from '@mapwork/kernel';
import { IntegrityKeys, RevisionEntity } from '@mapwork/persistence';
import { HEAD_MAC, REVISION_MAC, headMessage, revisionHash } from './revision-hash';
import { RevisionsRepository, sourceOf, toRevision } from './revisions.repository';
import { EntityKey, EntityType, HistoryPage, Revision, RevisionMeta } from './revision.types';
import { StateChange, diffStates } from './state-diff';

/** Who, when (optional: defaults to the clock) and why, for one change. */
export interface ChangeContext {
  actor: string;
  reason?: string | null;
  /** an explicit instant, for imports and seeds; must be later than the last revision */
  at?: string;
}

/**
 * The current-state table of one kind of thing (cases, people, records), as the
 * versioned writer needs it. Each `write` must be conditional on the expected version
 * and report whether it matched, so a stale update is detected by the write itself.
 */
export interface CurrentStateStore<S> {
  /** how the thing is named in messages, e.g. `mapping m1` */
  readonly label: string;
  readonly key: EntityKey;
  load(em: EntityManager): Promise<{ version: number; state: S | null } | null>;
  /** a new row (at version 1 unless a replayed history says otherwise); null only when replaying a deletion */
  insert(em: EntityManager, state: S | null, version?: number): Promise<void>;
  /** sets state (null = deleted) and the next version (default expectedVersion + 1) where version = expectedVersion */
  write(em: EntityManager, expectedVersion: number, state: S | null, nextVersion?: number): Promise<boolean>;
}

export interface VersionedState<S> {
  version: number;
  state: S;
}

@Injectable()
export class RevisionsService {
  constructor(
    private readonly revisions: RevisionsRepository,
    private readonly clock: Clock,
    private readonly keys: IntegrityKeys,
  ) {}

  // ---- writes: each runs inside the caller's transaction ------------------------

  async create<S>(em: EntityManager, store: CurrentStateStore<S>, state: S, ctx: ChangeContext): Promise<Revision<S>> {
    if (await store.load(em)) throw new ConflictError(`${store.label} already exists`, { code: 'ALREADY_EXISTS' });
    await store.insert(em, state);
    return this.append(em, store.key, 1, state, ctx);
  }

  async update<S>(em: EntityManager, store: CurrentStateStore<S>, basedOn: number, state: S, ctx: ChangeContext): Promise<Revision<S>> {
    const current = await this.current(em, store);
    if (current.state === null) throw new GoneError(store.label, current.version);
    return this.replace(em, store, basedOn, state, ctx);
  }

  async delete<S>(em: EntityManager, store: CurrentStateStore<S>, basedOn: number, ctx: ChangeContext): Promise<Revision<S>> {
    const current = await this.current(em, store);
    if (current.state === null) throw new GoneError(store.label, current.version);
    return this.replace(em, store, basedOn, null, ctx);
  }

  /** Brings back the last state a deleted thing had. */
  async restore<S>(em: EntityManager, store: CurrentStateStore<S>, basedOn: number, ctx: ChangeContext): Promise<Revision<S>> {
    const current = await this.current(em, store);
    if (current.state !== null) throw new ConflictError(`${store.label} is not deleted`, { code: 'NOT_DELETED' });
    const last = await this.revisions.lastWithState(em, store.key);
    if (!last?.state) throw new ConflictError(`${store.label} has no earlier state to restore`);
    return this.replace(em, store, basedOn, JSON.parse(last.state) as S, ctx);
  }

  /** The state a version had, written again as a new revision; `check` may reject it. */
  async revert<S>(
    em: EntityManager,
    store: CurrentStateStore<S>,
    basedOn: number,
    toVersion: number,
    ctx: ChangeContext,
    check?: (state: S) => Promise<void>,
  ): Promise<Revision<S>> {
    await this.current(em, store);
    const target = await this.revisions.version(em, store.key, toVersion);
    if (!target) throw new NotFoundError(`version ${toVersion} of ${store.label}`);
    if (target.state === null) {
      throw InvalidInputError.single('/toVersion', 'versionHasState', `version ${toVersion} is a deletion; use delete instead`);
    }
    const state = JSON.parse(target.state) as S;
    await check?.(state);
    return this.replace(em, store, basedOn, state, ctx);
  }

  private async current<S>(em: EntityManager, store: CurrentStateStore<S>) {
    const current = await store.load(em);
    if (!current) throw new NotFoundError(store.label);
    return current;
  }

  /**
   * Writes the next revision with exactly this state (null deletes), whatever the
   * current one is: for replaying histories from elsewhere (imports, seeds).
   */
  async replace<S>(em: EntityManager, store: CurrentStateStore<S>, basedOn: number, state: S | null, ctx: ChangeContext): Promise<Revision<S>> {
    if (!(await store.write(em, basedOn, state))) {
      const now = await store.load(em);
      throw new StaleVersionError(basedOn, now?.version ?? 0, now?.state ?? null);
    }
    return this.append(em, store.key, basedOn + 1, state, ctx);
  }

  /** Appends the next revision of a history: hash-chained to the previous one. */
  async append<S>(em: EntityManager, key: EntityKey, version: number, state: S | null, ctx: ChangeContext): Promise<Revision<S>> {
    const last = await this.revisions.last(em, key);
    const expected = (last?.version ?? 0) + 1;
    if (version !== expected) throw new StaleVersionError(version - 1, last?.version ?? 0, last?.state ? JSON.parse(last.state) : null);
    const at = this.instantAfter(last?.at ?? null, ctx.at);
    const reason = ctx.reason ?? null;
    const canonicalState = state === null ? null : canonicalJson(state);
    const stateValue = canonicalState === null ? null : JSON.parse(canonicalState);
    const prevHash = last?.hash ?? null;
    const hash = revisionHash(prevHash, stateValue, { ...key, version, at, actor: ctx.actor, reason });
    await this.sign(em, key, version, hash);
    const row = await this.revisions.insert(em, {
      ...key,
      version,
      at,
      actor: ctx.actor,
      sourceActor: null,
      reason,
      state: canonicalState,
      prevHash,
      hash,
      ...this.keys.ring().mac(REVISION_MAC, hash),
    });
    return toRevision<S>(row);
  }

  /** The history's signed head moves to this version, in the same transaction. */
  private async sign(em: EntityManager, key: EntityKey, version: number, hash: string): Promise<void> {
    const head = { ...key, version, hash };
    await this.revisions.setHead(em, { ...head, ...this.keys.ring().mac(HEAD_MAC, headMessage(head)) });
  }

  /**
   * Revisions of one history have strictly increasing instants (the interchange format
   * requires it): an explicit instant must be later than the last one, and the clock's
   * "now" is nudged one millisecond past the last one when two writes share a millisecond.
   */
  private instantAfter(lastAt: string | null, explicit?: string): string {
    if (explicit !== undefined) {
      const at = normaliseInstant(explicit);
      if (lastAt && at <= lastAt) {
        throw InvalidInputError.single('/at', 'laterThanPreviousRevision', `revision instant ${explicit} is not later than ${lastAt}`);
      }
      return at;
    }
    const now = normaliseInstant(this.clock.now());
    if (lastAt && now <= lastAt) return millisToInstant(instantToMillis(lastAt) + 1);
    return now;
  }

  /**
   * Replays revisions from elsewhere (an import) after the ones already stored: the
   * hash chain is computed in memory, the revisions go in with multi-row inserts, and
   * the current state is written once. Instants must strictly increase.
   */
  async replay<S>(
    em: EntityManager,
    store: CurrentStateStore<S>,
    storedVersion: number,
    /** `at` absent: now, by the clock; `sourceActor`: the author a source system named for an imported revision */
    revisions: Array<{ at?: string; actor: string; sourceActor?: string | null; reason: string | null; state: S | null }>,
  ): Promise<void> {
    if (!revisions.length) return;
    const last = storedVersion ? await this.revisions.last(em, store.key) : null;
    let prevHash = last?.hash ?? null;
    let prevAt = last?.at ?? null;
    let version = storedVersion;
    const rows: Omit<RevisionEntity, 'seq'>[] = [];
    for (const r of revisions) {
      version++;
      const at = this.instantAfter(prevAt, r.at);
      const canonicalState = r.state === null ? null : canonicalJson(r.state);
      const sourceActor = r.sourceActor ?? null;
      const hash = revisionHash(prevHash, canonicalState === null ? null : JSON.parse(canonicalState), { ...store.key, version, at, actor: r.actor, reason: r.reason, sourceActor });
      rows.push({ ...store.key, version, at, actor: r.actor, sourceActor, reason: r.reason, state: canonicalState, prevHash, hash, ...this.keys.ring().mac(REVISION_MAC, hash) });
      prevHash = hash;
      prevAt = at;
    }
    const final = revisions[revisions.length - 1].state;
    if (storedVersion === 0) await store.insert(em, final, version);
    else if (!(await store.write(em, storedVersion, final, version))) {
      const now = await store.load(em);
      throw new StaleVersionError(storedVersion, now?.version ?? 0, now?.state ?? null);
    }
    await this.sign(em, store.key, version, prevHash!);
    await this.revisions.insertMany(em, rows);
  }

  // ---- reads ---------------------------------------------------------------------

  async history<S>(em: EntityManager, key: EntityKey, page: number, pageSize: number): Promise<HistoryPage<S>> {
    const [rows, total] = await this.revisions.page(em, key, page, pageSize);
    if (total === 0) throw new NotFoundError(`history of ${key.entityType} ${key.entityId}`);
    return { items: rows.map((r) => toRevision<S>(r)), total, page, pageSize };
  }

  async version<S>(em: EntityManager, key: EntityKey, version: number): Promise<Revision<S>> {
    const row = await this.revisions.version(em, key, version);
    if (!row) throw new NotFoundError(`version ${version} of ${key.entityType} ${key.entityId}`);
    return toRevision<S>(row);
  }

  async diff(em: EntityManager, key: EntityKey, from: number, to: number): Promise<{ from: Revision; to: Revision; changes: StateChange[] }> {
    const a = await this.version(em, key, from);
    const b = await this.version(em, key, to);
    return { from: a, to: b, changes: diffStates(a.state, b.state) };
  }

  /** The last revision of one history at or before `asOf`, if any. */
  async asOf<S>(em: EntityManager, key: EntityKey, asOf: string): Promise<Revision<S> | null> {
    const row = await this.revisions.lastUpTo(em, key, normaliseInstant(asOf));
    return row ? toRevision<S>(row) : null;
  }

  /** The latest revision of one history. */
  async latest<S>(em: EntityManager, key: EntityKey): Promise<Revision<S> | null> {
    const row = await this.revisions.last(em, key);
    return row ? toRevision<S>(row) : null;
  }

  /** The last change (who, when, why) of everything in a case, without the states. */
  async lastChangesOfCase(em: EntityManager, caseId: string): Promise<RevisionMeta[]> {
    return (await this.revisions.lastOfCase(em, caseId)).map((r) => ({
      entityType: r.entityType as EntityType,
      caseId,
      entityId: r.entityId,
      version: r.version,
      at: r.at,
      by: r.actor,
      reason: r.reason,
      source: sourceOf(r),
    }));
  }

  /** Every history of a case as it stood at `asOf`: the last revision of each at or before it. */
  caseAsOf(em: EntityManager, caseId: string, asOf: string): Promise<Revision[]> {
    const at = normaliseInstant(asOf);
    return this.revisions.caseUpTo(em, caseId, at).then((rows) => {
      // rows come in (type, id, version) order: the last row of each history wins
      const latest = new Map<string, RevisionEntity>();
      for (const row of rows) latest.set(`${row.entityType}\u0000${row.entityId}`, row);
      return [...latest.values()].map((row) => toRevision(row));
    });
  }
}
