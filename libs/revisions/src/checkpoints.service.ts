import { hostname, userInfo } from 'node:os';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AccessLogChain } from '@mapwork/auth';
import { Clock, ConflictError, canonicalJson } from '@mapwork/kernel';
import { IntegrityCheckpointEntity, IntegrityKeys, TransactionRunner } from '@mapwork/persistence';
import { CHECKPOINT_FORMAT, CHECKPOINT_MAC, CheckpointBody, CheckpointLine, CheckpointTrigger, checkpointHash } from './checkpoint';
import { CheckpointFiles } from './checkpoint-files';
import { IntegrityRepository } from './integrity.repository';

/** How long a checkpoint waits for revision writers in flight (PostgreSQL) before giving up for this round. */
const LOCK_TIMEOUT = '2s';

/** This process, as checkpoints name their writer. */
export function processName(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry in some containers
  }
  return `${user}@${hostname()} pid ${process.pid}`;
}

/** The database is not sealed yet, or has gone back behind its last checkpoint: no checkpoint can be built on it. */
export class CheckpointRefused extends ConflictError {
  constructor(message: string) {
    super(message, { code: 'CHECKPOINT_REFUSED' });
  }
}

/**
 * Writes checkpoints: in the database and, before that commits, as a line of the
 * checkpoint file outside it. Several processes may checkpoint one database; the
 * checkpoint number is the serialisation point (a clash retries).
 */
@Injectable()
export class CheckpointsService {
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: IntegrityRepository,
    private readonly keys: IntegrityKeys,
    private readonly chain: AccessLogChain,
    private readonly files: CheckpointFiles,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes a checkpoint if anything changed since the last (always when `force`).
   * `closing`: this process will write no more access-log entries. Returns null when
   * there was nothing to record, or (not forced) when writers in flight held the lock.
   */
  write(trigger: CheckpointTrigger, by: string, options: { force?: boolean; closing?: boolean } = {}): Promise<CheckpointLine | null> {
    const run = this.running.then(() => this.attempt(trigger, by, options));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async attempt(trigger: CheckpointTrigger, by: string, options: { force?: boolean; closing?: boolean }): Promise<CheckpointLine | null> {
    for (let attempt = 1; ; attempt++) {
      const seal = await this.tx.read((em) => this.repository.seal(em));
      if (!seal) throw new CheckpointRefused('the database is not sealed yet: run mapwork integrity seal');
      const previous = await this.tx.read((em) => this.repository.latestCheckpoint(em));
      const prev = previous ? this.trusted(previous) : null;
      let through: number;
      try {
        through = await this.tx.write((em) => this.repository.watermark(em, LOCK_TIMEOUT));
      } catch (e) {
        if (!isLockTimeout(e)) throw e;
        if (!options.force) return null;
        if (attempt >= 5) throw new ConflictError('revision writers kept the table busy (a long import?); try the checkpoint again', { code: 'CHECKPOINT_BUSY' });
        continue;
      }
      const since = prev?.revisions ?? { through: 0, count: 0 };
      if (through < since.through) {
        throw new CheckpointRefused(`the database holds revisions only up to #${through}, but checkpoint ${prev!.n} recorded them up to #${since.through}: it was rolled back; run mapwork verify`);
      }
      const heads = this.chain.headsToCheckpoint(options.closing);
      if (!options.force && prev && through === since.through && heads.length === 0) return null;
      const [cases, added] =
        through > since.through
          ? await this.tx.read(async (em) => [await this.repository.caseCountsChanged(em, since.through, through), await this.repository.countBetween(em, since.through, through)] as const)
          : [[] as Array<[string, number]>, 0];
      const body: CheckpointBody = {
        format: CHECKPOINT_FORMAT,
        database: seal.databaseId,
        n: (prev?.n ?? 0) + 1,
        prev: previous?.hash ?? null,
        at: this.clock.now(),
        by,
        trigger,
        revisions: { through, count: since.count + added },
        cases,
        segments: heads.map((h) => [h.segment, h.n, h.hash]),
        closed: options.closing ? heads.map((h) => h.segment) : [],
      };
      const hash = checkpointHash(body);
      const line: CheckpointLine = { ...body, hash, ...this.keys.ring().mac(CHECKPOINT_MAC, hash) };
      try {
        await this.tx.write(async (em) => {
          const row: IntegrityCheckpointEntity = { n: body.n, at: body.at, body: canonicalJson(body), hash, keyId: line.keyId, mac: line.mac };
          await this.repository.insertCheckpoint(em, row);
          // on disk before the database commits: a checkpoint the database has is always in the file
          this.files.append(seal.databaseId, line);
        });
      } catch (e) {
        if (e instanceof QueryFailedError && /unique|duplicate|constraint/i.test(e.message) && attempt < 5) continue;
        throw e;
      }
      this.chain.checkpointed(heads);
      this.files.copy(line);
      return line;
    }
  }

  /** The previous checkpoint, if its MAC holds; a checkpoint is never built on one that does not. */
  private trusted(row: IntegrityCheckpointEntity): CheckpointBody {
    if (this.keys.ring().check(row.keyId, CHECKPOINT_MAC, row.hash, row.mac) !== 'ok') {
      throw new CheckpointRefused(`checkpoint ${row.n} in the database does not verify under the integrity key; run mapwork verify`);
    }
    const body = JSON.parse(row.body) as CheckpointBody;
    if (checkpointHash(body) !== row.hash) throw new CheckpointRefused(`checkpoint ${row.n} in the database was changed; run mapwork verify`);
    return body;
  }
}

export function isLockTimeout(e: unknown): boolean {
  return e instanceof QueryFailedError && ((e as unknown as { code?: string }).code === '55P03' || /lock timeout/i.test(e.message));
}
