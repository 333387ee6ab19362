import { Injectable } from '@nestjs/common';
import { ACCESS_MAC, AccessLogRepository, AccessLogRow, accessEntryHash, legacyAccessDigest } from '@mapwork/auth';
import { canonicalJson } from '@mapwork/kernel';
import { IntegrityCheckpointEntity, IntegrityHeadEntity, IntegrityKeys, KeyRing, MacCheck, RevisionEntity, TransactionRunner } from '@mapwork/persistence';
import { CHECKPOINT_MAC, CheckpointBody, CheckpointLine, SEAL_MAC, SealBody, checkpointBody, checkpointHash } from './checkpoint';
import { CheckpointFiles } from './checkpoint-files';
import { CurrentStateRow, CurrentStateTables } from './current-state';
import { IntegrityRepository } from './integrity.repository';
import { HEAD_MAC, REVISION_MAC, headMessage, revisionHash } from './revision-hash';

export type FindingArea = 'revisions' | 'heads' | 'current_state' | 'access_log' | 'checkpoints' | 'seal';

/** One thing verification found wrong, located as precisely as the evidence allows. */
export interface Finding {
  area: FindingArea;
  problem: string;
  detail: string;
  entityType?: string;
  caseId?: string;
  entityId?: string;
  version?: number;
  segment?: string;
  position?: number;
  checkpoint?: number;
}

export interface IntegrityReport {
  checkedAt: string;
  ok: boolean;
  /** when the database came under the integrity key, and what was written before; null if not yet */
  seal: { at: string; database: string; legacyRevisions: number; legacyAccessEntries: number } | null;
  chains: number;
  revisions: number;
  accessLog: { entries: number; segments: number };
  checkpoints: { file: string | null; inFile: number; inDatabase: number; latest: { n: number; at: string } | null };
  /** which histories' current state was compared with their latest revision */
  currentState: { tables: string[] };
  findings: Finding[];
}

/** Keeping it small enough to read: beyond this many findings of one problem, the rest are counted. */
const FINDINGS_PER_PROBLEM = 200;
const CASE_BATCH = 200;
const ACCESS_BATCH = 2000;

type Link = { problem: string; detail: string } | null;

/**
 * Verifies everything the tamper evidence covers, in batches (one set of queries per
 * 200 cases, per 2,000 access-log entries), and reports each finding with what it
 * concerns: revision chains (hash, MAC), signed heads (newest revisions or whole
 * histories removed), current-state rows against the latest revision, per-case and
 * total revision counts against the checkpoints, the access-log segments and their
 * checkpointed heads, and the checkpoint file against the database.
 */
@Injectable()
export class IntegrityService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: IntegrityRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly keys: IntegrityKeys,
    private readonly files: CheckpointFiles,
    private readonly tables: CurrentStateTables,
  ) {}

  async verify(now: string, options: { checkpointDir?: string } = {}): Promise<IntegrityReport> {
    const out = new Findings();
    const ring = this.keys.ring();
    const sealRow = await this.tx.read((em) => this.repository.seal(em));
    let seal: SealBody | null = null;
    if (sealRow) {
      seal = JSON.parse(sealRow.body) as SealBody;
      const check = ring.check(sealRow.keyId, SEAL_MAC, sealRow.body, sealRow.mac);
      if (check !== 'ok') out.add({ area: 'seal', problem: macProblem(check), detail: 'the seal record does not verify under the integrity key: it was changed or forged' });
    } else if (await this.tx.read((em) => this.repository.hasSealedRows(em))) {
      out.add({ area: 'seal', problem: 'seal_missing', detail: 'the database holds MACed rows, heads or checkpoints but no seal record: it was deleted' });
    }

    const cp = await this.checkpoints(ring, seal, out, options.checkpointDir);
    const revisionsSummary = await this.revisions(ring, seal, cp, out);
    const access = await this.accessLogEntries(ring, seal, cp, out);
    return {
      checkedAt: now,
      ok: out.list.length === 0,
      seal: seal && sealRow ? { at: seal.at, database: sealRow.databaseId, legacyRevisions: seal.revisions.legacyCount, legacyAccessEntries: seal.accessLog.legacyCount } : null,
      ...revisionsSummary,
      accessLog: access,
      checkpoints: { file: cp.file, inFile: cp.inFile, inDatabase: cp.inDatabase, latest: cp.latest && { n: cp.latest.n, at: cp.latest.at } },
      currentState: { tables: this.tables.list().map((t) => t.name) },
      findings: out.list,
    };
  }

  // ---- checkpoints: the file outside the database, and the database's copy -----------------

  private async checkpoints(ring: KeyRing, seal: SealBody | null, out: Findings, directory?: string) {
    const rows = await this.tx.read((em) => this.repository.checkpoints(em));
    const trusted = new Map<number, CheckpointBody>();
    const dbHash = new Map<number, string>();
    for (const row of rows) {
      const problem = checkRow(ring, row);
      if (problem) out.add({ area: 'checkpoints', checkpoint: row.n, ...problem });
      else {
        trusted.set(row.n, JSON.parse(row.body) as CheckpointBody);
        dbHash.set(row.n, row.hash);
      }
    }
    let file: string | null = null;
    let inFile = 0;
    if (seal) {
      const read = this.files.read(seal.database, directory);
      file = read.path;
      const valid: CheckpointLine[] = [];
      const invalid = new Set<number>();
      for (const { line, entry, error } of read.lines) {
        if (!entry) {
          out.add({ area: 'checkpoints', problem: 'checkpoint_unreadable', detail: `line ${line} of ${read.path}: ${error}` });
          continue;
        }
        const problem = checkLine(ring, entry, seal.database);
        if (problem) {
          out.add({ area: 'checkpoints', checkpoint: entry.n, problem: problem.problem, detail: `line ${line} of ${read.path}: ${problem.detail}` });
          invalid.add(entry.n);
          continue;
        }
        const before = valid[valid.length - 1];
        if (before && before.n >= entry.n) {
          out.add({ area: 'checkpoints', checkpoint: entry.n, problem: 'checkpoint_fork', detail: `line ${line}: checkpoint ${entry.n} follows checkpoint ${before.n}: the database was rolled back and written again` });
        } else if (before && before.n === entry.n - 1 && entry.prev !== before.hash) {
          out.add({ area: 'checkpoints', checkpoint: entry.n, problem: 'checkpoint_chain_broken', detail: `line ${line}: checkpoint ${entry.n} does not point at checkpoint ${before.n} before it` });
        }
        valid.push(entry);
      }
      inFile = valid.length;
      const firstInFile = valid.length ? Math.min(...valid.map((e) => e.n)) : Infinity;
      const maxInDb = rows.length ? rows[rows.length - 1].n : 0;
      for (const entry of valid) {
        const stored = dbHash.get(entry.n);
        if (stored === undefined && !rows.some((r) => r.n === entry.n)) {
          out.add({
            area: 'checkpoints',
            checkpoint: entry.n,
            problem: entry.n > maxInDb ? 'database_behind_checkpoint' : 'checkpoint_missing_from_database',
            detail:
              entry.n > maxInDb
                ? `the file holds checkpoint ${entry.n} of ${entry.at}, the database only up to ${maxInDb}: the database was rolled back to an older copy (or its checkpoints were deleted)`
                : `checkpoint ${entry.n} of ${entry.at} is in the file but not in the database: it was deleted there`,
          });
        } else if (stored !== undefined && stored !== entry.hash) {
          out.add({ area: 'checkpoints', checkpoint: entry.n, problem: 'checkpoint_fork', detail: `checkpoint ${entry.n} in the database differs from the file's: the database was rolled back and written again` });
        }
        trusted.set(entry.n, checkpointBody(entry));
      }
      for (const row of rows) {
        if (row.n >= firstInFile && !invalid.has(row.n) && !valid.some((e) => e.n === row.n)) {
          out.add({ area: 'checkpoints', checkpoint: row.n, problem: 'checkpoint_missing_from_file', detail: `checkpoint ${row.n} of ${row.at} is in the database but not in ${read.path}: the file was cut or edited` });
        }
      }
      if (!read.exists && rows.length) {
        out.add({ area: 'checkpoints', problem: 'checkpoint_file_missing', detail: `the database records ${rows.length} checkpoints but ${read.path} does not exist (set CHECKPOINT_DIR to where they are kept)` });
      }
    }
    // what the checkpoints vouch for: per case the latest count, per segment the latest head
    const ordered = [...trusted.values()].sort((a, b) => a.n - b.n);
    const cases = new Map<string, { n: number; through: number; count: number }>();
    const segments = new Map<string, { n: number; position: number; hash: string; closed: boolean }>();
    for (const c of ordered) {
      for (const [caseId, count] of c.cases) cases.set(caseId, { n: c.n, through: c.revisions.through, count });
      for (const [segment, position, hash] of c.segments) segments.set(segment, { n: c.n, position, hash, closed: c.closed.includes(segment) });
    }
    const latest = ordered[ordered.length - 1] ?? null;
    return { file, inFile, inDatabase: rows.length, latest, cases, segments };
  }

  // ---- revisions, heads, current state ------------------------------------------------------

  private async revisions(ring: KeyRing, seal: SealBody | null, cp: Awaited<ReturnType<IntegrityService['checkpoints']>>, out: Findings) {
    const tables = this.tables.list();
    const caseIds = await this.tx.read(async (em) => {
      const ids = new Set(await this.repository.caseIdsWithHistory(em));
      for (const t of tables) for (const id of await t.caseIds(em)) ids.add(id);
      return [...ids].sort();
    });
    const macFrom = seal ? seal.revisions.legacyThrough : Infinity;
    const latest = cp.latest;
    let chains = 0;
    let revisions = 0;
    let upToLatest = 0;
    const seen = new Set<string>();
    for (let i = 0; i < caseIds.length; i += CASE_BATCH) {
      const batch = caseIds.slice(i, i + CASE_BATCH);
      const { rows, heads, current } = await this.tx.read(async (em) => ({
        rows: await this.repository.revisionsOf(em, batch),
        heads: await this.repository.headsOf(em, batch),
        current: (await Promise.all(tables.map((t) => t.ofCases(em, batch)))).flat(),
      }));
      const headOf = new Map(heads.map((h) => [chainKey(h), h]));
      const currentOf = new Map(current.map((c) => [chainKey(c), c]));
      const perCase = new Map<string, number>();
      let chain: RevisionEntity[] = [];
      const finish = () => {
        if (!chain.length) return;
        chains++;
        this.chain(ring, chain, macFrom, !!seal, headOf, currentOf, out);
        chain = [];
      };
      for (const row of rows) {
        const seq = Number(row.seq);
        revisions++;
        if (latest && seq <= latest.revisions.through) upToLatest++;
        const limit = cp.cases.get(row.caseId);
        if (limit && seq <= limit.through) perCase.set(row.caseId, (perCase.get(row.caseId) ?? 0) + 1);
        if (chain.length && chainKey(chain[0]) !== chainKey(row)) finish();
        chain.push(row);
      }
      finish();
      for (const h of headOf.values()) {
        out.add({ area: 'heads', problem: 'history_deleted', ...keyOf(h), version: h.version, detail: `the signed head says version ${h.version}, but no revision of this history is stored: its whole history was deleted` });
      }
      for (const c of currentOf.values()) {
        out.add({ area: 'current_state', problem: 'current_state_without_history', ...keyOf(c), version: c.version, detail: 'a current-state row with no revisions: it was inserted outside the application' });
      }
      for (const caseId of batch) {
        seen.add(caseId);
        const limit = cp.cases.get(caseId);
        const counted = perCase.get(caseId) ?? 0;
        if (limit && counted !== limit.count) {
          out.add({
            area: 'revisions',
            problem: counted < limit.count ? 'revisions_missing' : 'revisions_unexpected',
            caseId,
            checkpoint: limit.n,
            detail: `checkpoint ${limit.n} recorded ${limit.count} revisions of this case up to #${limit.through}; the database has ${counted}`,
          });
        }
      }
    }
    for (const [caseId, limit] of cp.cases) {
      if (!seen.has(caseId) && limit.count > 0) {
        out.add({ area: 'revisions', problem: 'case_history_deleted', caseId, checkpoint: limit.n, detail: `checkpoint ${limit.n} recorded ${limit.count} revisions of this case; none is stored` });
      }
    }
    if (latest && upToLatest !== latest.revisions.count) {
      out.add({
        area: 'revisions',
        problem: upToLatest < latest.revisions.count ? 'revisions_missing' : 'revisions_unexpected',
        checkpoint: latest.n,
        detail: `checkpoint ${latest.n} (${latest.at}) recorded ${latest.revisions.count} revisions up to #${latest.revisions.through}; the database has ${upToLatest}`,
      });
    }
    return { chains, revisions };
  }

  /** One history: its links (first broken one reported), its signed head, its current state. */
  private chain(
    ring: KeyRing,
    rows: RevisionEntity[],
    macFrom: number,
    sealed: boolean,
    headOf: Map<string, IntegrityHeadEntity>,
    currentOf: Map<string, CurrentStateRow>,
    out: Findings,
  ) {
    const key = chainKey(rows[0]);
    const where = keyOf(rows[0]);
    let prev: RevisionEntity | null = null;
    for (const row of rows) {
      const problem = checkLink(prev, row) ?? checkMac(ring, row, macFrom);
      if (problem) {
        out.add({ area: 'revisions', ...where, version: row.version, ...problem });
        break;
      }
      prev = row;
    }
    const last = rows[rows.length - 1];
    const head = headOf.get(key);
    headOf.delete(key);
    if (!head) {
      if (sealed) out.add({ area: 'heads', problem: 'head_missing', ...where, version: last.version, detail: 'the history has no signed head: it was deleted' });
    } else {
      const check = ring.check(head.keyId, HEAD_MAC, headMessage(head), head.mac);
      if (check !== 'ok') out.add({ area: 'heads', problem: `head_${macProblem(check)}`, ...where, version: head.version, detail: 'the signed head does not verify under the integrity key: it was changed or forged' });
      else if (head.version > last.version) {
        out.add({ area: 'heads', problem: 'newest_revisions_missing', ...where, version: last.version + 1, detail: `the signed head is at version ${head.version}, the newest stored revision is ${last.version}: versions ${last.version + 1}–${head.version} were deleted` });
      } else if (head.version < last.version) {
        out.add({ area: 'heads', problem: 'revisions_beyond_head', ...where, version: head.version + 1, detail: `the signed head is at version ${head.version} but revisions up to ${last.version} are stored: they were added outside the application` });
      } else if (head.hash !== last.hash) {
        out.add({ area: 'heads', problem: 'head_hash_mismatch', ...where, version: last.version, detail: 'the newest revision is not the one the signed head names: it was replaced' });
      }
    }
    const current = currentOf.get(key);
    currentOf.delete(key);
    if (current) {
      if (current.version !== last.version) {
        out.add({ area: 'current_state', problem: 'current_version_mismatch', ...where, version: current.version, detail: `the current row says version ${current.version}, the latest revision is ${last.version}` });
      } else if (canonicalJson(current.state ?? null) !== (last.state ?? 'null')) {
        out.add({ area: 'current_state', problem: 'current_state_mismatch', ...where, version: current.version, detail: 'the current row does not hold the state of the latest revision: it was edited outside the application (users are served the edited row until it is repaired)' });
      }
    } else if (this.tables.list().some((t) => (t.entityTypes as readonly string[]).includes(last.entityType))) {
      out.add({ area: 'current_state', problem: 'current_state_missing', ...where, version: last.version, detail: 'the history has no current-state row: it was deleted' });
    }
  }

  // ---- the access log -------------------------------------------------------------------------

  private async accessLogEntries(ring: KeyRing, seal: SealBody | null, cp: Awaited<ReturnType<IntegrityService['checkpoints']>>, out: Findings) {
    let entries = 0;
    // unchained entries: before the seal, folded into its digest; after it, each one a finding
    const legacyThrough = seal ? seal.accessLog.legacyThrough : Infinity;
    let digest = '';
    let legacy = 0;
    for (let after = 0; ; ) {
      const batch = await this.tx.read((em) => this.accessLog.unchainedBatch(em, after, ACCESS_BATCH));
      for (const r of batch) {
        entries++;
        if (r.seq <= legacyThrough) {
          digest = legacyAccessDigest(digest, r);
          legacy++;
        } else {
          out.add({ area: 'access_log', problem: 'access_entry_unchained', position: r.seq, detail: `entry #${r.seq} (${r.at}, ${r.event}) has no chain or MAC, but the log was sealed before it was written: it was inserted or stripped outside the application` });
        }
      }
      if (batch.length < ACCESS_BATCH) break;
      after = batch[batch.length - 1].seq;
    }
    if (seal && (legacy !== seal.accessLog.legacyCount || digest !== seal.accessLog.legacyDigest)) {
      out.add({
        area: 'access_log',
        problem: 'legacy_entries_changed',
        detail: `the ${seal.accessLog.legacyCount} entries written before the seal were changed or deleted (now ${legacy} match the seal's range, and their digest differs)`,
      });
    }

    // chained entries, segment by segment
    const seenSegments = new Set<string>();
    let segment: { id: string; n: number; hash: string | null; broken: boolean } | null = null;
    const endSegment = () => {
      if (!segment) return;
      seenSegments.add(segment.id);
      const recorded = cp.segments.get(segment.id);
      if (recorded && !segment.broken) {
        if (segment.n < recorded.position) {
          out.add({ area: 'access_log', problem: 'access_entries_missing', segment: segment.id, position: segment.n + 1, checkpoint: recorded.n, detail: `checkpoint ${recorded.n} recorded this segment up to entry ${recorded.position}; the database has ${segment.n}: its newest entries were deleted` });
        }
      }
    };
    for (let after: { segmentId: string; n: number } | null = null; ; ) {
      const { batch, cases } = await this.tx.read(async (em) => {
        const b = await this.accessLog.chainBatch(em, after, ACCESS_BATCH);
        return { batch: b, cases: await this.accessLog.casesOf(em, b) };
      });
      for (const row of batch) {
        entries++;
        if (!segment || segment.id !== row.segmentId) {
          endSegment();
          segment = { id: row.segmentId!, n: 0, hash: null, broken: false };
        }
        if (segment.broken) continue;
        const problem = this.checkEntry(ring, segment, row, row.caseCount > 1 ? (cases.get(this.accessLog.casesKey(row)) ?? []) : row.caseId ? [row.caseId] : []);
        const recorded = cp.segments.get(segment.id);
        if (problem) {
          out.add({ area: 'access_log', segment: segment.id, position: row.segmentN!, ...problem });
          segment.broken = true;
          continue;
        }
        if (recorded && recorded.position === row.segmentN && recorded.hash !== row.hash) {
          out.add({ area: 'access_log', problem: 'access_entry_replaced', segment: segment.id, position: row.segmentN!, checkpoint: recorded.n, detail: `checkpoint ${recorded.n} recorded another entry at this position` });
          segment.broken = true;
          continue;
        }
        segment.n = row.segmentN!;
        segment.hash = row.hash;
      }
      if (batch.length < ACCESS_BATCH) break;
      after = { segmentId: batch[batch.length - 1].segmentId!, n: batch[batch.length - 1].segmentN! };
    }
    endSegment();
    for (const [id, recorded] of cp.segments) {
      if (!seenSegments.has(id)) {
        out.add({ area: 'access_log', problem: 'access_segment_deleted', segment: id, checkpoint: recorded.n, detail: `checkpoint ${recorded.n} recorded ${recorded.position} entries in this segment; none is stored` });
      }
    }
    return { entries, segments: seenSegments.size };
  }

  private checkEntry(ring: KeyRing, segment: { n: number; hash: string | null }, row: AccessLogRow, cases: string[]): Link {
    if (row.segmentN !== segment.n + 1) {
      return { problem: 'access_entries_missing', detail: `expected entry ${segment.n + 1} of the segment, found ${row.segmentN}: entries were deleted` };
    }
    if ((row.prevHash ?? null) !== segment.hash) return { problem: 'access_prev_hash_mismatch', detail: 'the entry does not point at the hash of the one before it' };
    if (cases.length !== row.caseCount) return { problem: 'access_cases_changed', detail: `the entry touched ${row.caseCount} cases, ${cases.length} are listed` };
    const hash = accessEntryHash(row.prevHash, {
      segment: row.segmentId!,
      n: row.segmentN!,
      at: row.at,
      userId: row.userId,
      cases,
      event: row.event,
      route: row.route,
      interface: row.interface,
      address: row.address,
      outcome: row.outcome,
      detail: row.detail,
    });
    if (hash !== row.hash) return { problem: 'access_hash_mismatch', detail: 'the stored entry does not match its hash: it was changed after it was written' };
    if (!row.mac || !row.keyId) return { problem: 'access_mac_missing', detail: 'the entry has no MAC' };
    const check = ring.check(row.keyId, ACCESS_MAC, row.hash, row.mac);
    if (check !== 'ok') return { problem: `access_${macProblem(check)}`, detail: 'the MAC does not verify under the integrity key: the entry and its chain were rewritten' };
    return null;
  }
}

class Findings {
  readonly list: Finding[] = [];
  private readonly counts = new Map<string, number>();

  add(f: Finding) {
    const n = (this.counts.get(f.problem) ?? 0) + 1;
    this.counts.set(f.problem, n);
    if (n <= FINDINGS_PER_PROBLEM) this.list.push(f);
    else if (n === FINDINGS_PER_PROBLEM + 1) this.list.push({ area: f.area, problem: f.problem, detail: `more findings of this kind are not listed (the first ${FINDINGS_PER_PROBLEM} are)` });
  }
}

function chainKey(k: { caseId: string; entityType: string; entityId: string }): string {
  return `${k.caseId}\u0000${k.entityType}\u0000${k.entityId}`;
}

function keyOf(k: { caseId: string; entityType: string; entityId: string }) {
  return { entityType: k.entityType, caseId: k.caseId, entityId: k.entityId };
}

function macProblem(check: MacCheck): string {
  return check === 'unknown_key' ? 'unknown_key' : 'mac_mismatch';
}

/** Whether `row` is a sound successor of `prev` (null for the first of a chain). */
export function checkLink(prev: RevisionEntity | null, row: RevisionEntity): Link {
  const expectedVersion = (prev?.version ?? 0) + 1;
  if (row.version !== expectedVersion) {
    return { problem: 'version_gap', detail: `expected version ${expectedVersion}, found ${row.version}` };
  }
  if ((row.prevHash ?? null) !== (prev?.hash ?? null)) {
    return { problem: 'prev_hash_mismatch', detail: 'the revision does not point at the hash of the one before it' };
  }
  if (prev && row.at <= prev.at) {
    return { problem: 'instant_not_increasing', detail: `${row.at} is not later than ${prev.at}` };
  }
  let state: unknown;
  try {
    state = row.state === null ? null : JSON.parse(row.state);
  } catch {
    return { problem: 'unreadable_state', detail: 'the stored state is not JSON' };
  }
  const hash = revisionHash(row.prevHash, state, {
    entityType: row.entityType,
    caseId: row.caseId,
    entityId: row.entityId,
    version: row.version,
    at: row.at,
    actor: row.actor,
    reason: row.reason,
    sourceActor: row.sourceActor,
  });
  if (hash !== row.hash) {
    return { problem: 'hash_mismatch', detail: 'the stored content does not match its hash: it was changed after it was written' };
  }
  return null;
}

/** A revision written after the seal must carry a MAC of its hash under a known key. */
function checkMac(ring: KeyRing, row: RevisionEntity, macFrom: number): Link {
  if (!row.mac || !row.keyId) {
    return Number(row.seq) > macFrom ? { problem: 'mac_missing', detail: 'written after the database was sealed, but without a MAC: it was forged or its MAC stripped' } : null;
  }
  const check = ring.check(row.keyId, REVISION_MAC, row.hash, row.mac);
  if (check === 'unknown_key') return { problem: 'unknown_key', detail: `MACed with key ${row.keyId}, which the key file does not hold` };
  if (check === 'mismatch') return { problem: 'mac_mismatch', detail: 'the MAC does not verify: the revision was rewritten and its hash chain recomputed' };
  return null;
}

function checkRow(ring: KeyRing, row: IntegrityCheckpointEntity): Link {
  let body: CheckpointBody;
  try {
    body = JSON.parse(row.body) as CheckpointBody;
  } catch {
    return { problem: 'checkpoint_unreadable', detail: `checkpoint ${row.n} in the database is not JSON` };
  }
  if (body.n !== row.n || checkpointHash(body) !== row.hash) return { problem: 'checkpoint_hash_mismatch', detail: `checkpoint ${row.n} in the database was changed` };
  const check = ring.check(row.keyId, CHECKPOINT_MAC, row.hash, row.mac);
  if (check !== 'ok') return { problem: `checkpoint_${macProblem(check)}`, detail: `checkpoint ${row.n} in the database does not verify under the integrity key` };
  return null;
}

function checkLine(ring: KeyRing, entry: CheckpointLine, database: string): Link {
  if (entry.database !== database) return { problem: 'checkpoint_of_other_database', detail: `it is a checkpoint of database ${entry.database}` };
  if (checkpointHash(entry) !== entry.hash) return { problem: 'checkpoint_hash_mismatch', detail: `checkpoint ${entry.n} was changed` };
  const check = ring.check(entry.keyId, CHECKPOINT_MAC, entry.hash, entry.mac);
  if (check !== 'ok') return { problem: `checkpoint_${macProblem(check)}`, detail: `checkpoint ${entry.n} does not verify under the integrity key` };
  return null;
}
