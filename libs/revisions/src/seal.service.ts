import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AccessLogRepository, legacyAccessDigest } from '@mapwork/auth';
import { Clock, canonicalJson } from '@mapwork/kernel';
import { IntegrityKeys, TransactionRunner } from '@mapwork/persistence';
import { SEAL_FORMAT, SEAL_MAC, SealBody } from './checkpoint';
import { CheckpointsService } from './checkpoints.service';
import { IntegrityRepository } from './integrity.repository';
import { HEAD_MAC, headMessage } from './revision-hash';

export interface SealSummary {
  database: string;
  legacyRevisions: number;
  headsSigned: number;
  legacyAccessEntries: number;
}

/**
 * Brings a database under the integrity key, once: every history without a signed
 * head gets one (its latest hash covers, through the chain, every earlier revision);
 * the unchained access-log entries written before are folded into a digest; the seal
 * records both boundaries, so a MAC stripped from a later row is a finding rather than
 * "legacy"; and the first checkpoint is written.
 */
@Injectable()
export class SealService {
  private readonly logger = new Logger('Integrity');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: IntegrityRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly keys: IntegrityKeys,
    private readonly checkpoints: CheckpointsService,
    private readonly clock: Clock,
  ) {}

  /** Seals the database unless it is sealed already (then null). */
  async ensure(by: string): Promise<SealSummary | null> {
    if (await this.tx.read((em) => this.repository.seal(em))) return null;
    const database = randomUUID();
    const ring = this.keys.ring();
    const legacyThrough = await this.tx.write((em) => this.repository.watermark(em, '30s'));
    const legacyCount = await this.tx.read((em) => this.repository.countBetween(em, 0, legacyThrough));
    const unsigned = await this.tx.read((em) => this.repository.unsignedHeads(em));
    const heads = unsigned.map((h) => ({ ...h, ...ring.mac(HEAD_MAC, headMessage(h)) }));
    for (let i = 0; i < heads.length; i += 2000) await this.tx.write((em) => this.repository.insertHeadsIfAbsent(em, heads.slice(i, i + 2000)));

    const accessThrough = await this.tx.read((em) => this.accessLog.maxSeq(em));
    let digest = '';
    let accessCount = 0;
    for (let after = 0; ; ) {
      const batch = await this.tx.read((em) => this.accessLog.unchainedBatch(em, after, 2000));
      const legacy = batch.filter((r) => r.seq <= accessThrough);
      for (const r of legacy) digest = legacyAccessDigest(digest, r);
      accessCount += legacy.length;
      if (batch.length < 2000 || legacy.length < batch.length) break;
      after = batch[batch.length - 1].seq;
    }

    const body: SealBody = {
      format: SEAL_FORMAT,
      database,
      at: this.clock.now(),
      revisions: { legacyThrough, legacyCount },
      accessLog: { legacyThrough: accessThrough, legacyCount: accessCount, legacyDigest: digest },
    };
    const text = canonicalJson(body);
    try {
      await this.tx.write((em) => this.repository.insertSeal(em, { id: 1, databaseId: database, body: text, ...ring.mac(SEAL_MAC, text) }));
    } catch (e) {
      // another process sealed it at the same moment
      if (e instanceof QueryFailedError && /unique|duplicate|constraint/i.test(e.message)) return null;
      throw e;
    }
    await this.checkpoints.write('seal', by, { force: true });
    if (legacyCount || accessCount) {
      this.logger.log(`database sealed: ${legacyCount} revisions and ${accessCount} access-log entries written before are now under the integrity key (${heads.length} heads signed)`);
    }
    return { database, legacyRevisions: legacyCount, headsSigned: heads.length, legacyAccessEntries: accessCount };
  }
}
