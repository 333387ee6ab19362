import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserNames, authorsOf } from '@mapwork/auth';
import { ConflictError, NotFoundError, Page, PageRequest, pageOffset } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { Revision, RecordType, RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin, changeBy } from '../case-access.service';
import { RecordData } from '../domain';
import { newItemId } from '../item-ids';
import { RECORD_KINDS } from '../record-kinds';
import { RecordsRepository } from '../repositories/records.repository';
import { ReferencesService } from './references.service';
import { RecordView, notAsAt, recordView, recordViewOf } from './views';

export interface RecordWithLastChange extends RecordView {
  lastChange: { at: string; by: string; byName: string | null; reason: string | null; source: { by: string; at: string; byName: string | null } | null };
}

/** Mappings, safety plans, network meetings and child's-voice work: one lifecycle for all four. */
@Injectable()
export class RecordsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly records: RecordsRepository,
    private readonly revisions: RevisionsService,
    private readonly access: CaseAccessService,
    private readonly references: ReferencesService,
    private readonly names: UserNames,
  ) {}

  list(origin: RequestOrigin, caseId: string, type: RecordType, p: PageRequest): Promise<Page<RecordView>> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read');
      const [rows, total] = await this.records.pageOfCase(em, caseId, type, pageOffset(p), p.pageSize);
      return { items: rows.map(recordView), total, ...p };
    });
  }

  get(origin: RequestOrigin, caseId: string, type: RecordType, recordId: string, asOf?: string): Promise<RecordView | RecordWithLastChange> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read', { allowDeleted: !!asOf });
      const store = this.store(caseId, type, recordId);
      if (asOf) {
        const rev = await this.revisions.asOf<RecordData>(em, store.key, asOf);
        if (!rev?.state) throw notAsAt(store.label, asOf);
        return recordViewOf(rev);
      }
      return this.view(em, caseId, type, recordId);
    });
  }

  create(origin: RequestOrigin, caseId: string, type: RecordType, recordId: string | undefined, data: RecordData, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      const id = recordId ?? (await this.newId(em, caseId, type));
      const existing = await this.records.one(em, caseId, id);
      if (existing) throw new ConflictError(`this case already has a record ${id}`, { code: 'ALREADY_EXISTS', recordId: id });
      await this.references.assertRecordFits(em, caseId, type, data);
      await this.revisions.create(em, this.store(caseId, type, id), data, changeBy(origin, reason));
      return this.view(em, caseId, type, id);
    });
  }

  update(origin: RequestOrigin, caseId: string, type: RecordType, recordId: string, basedOn: number, data: RecordData, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      await this.references.assertRecordFits(em, caseId, type, data);
      await this.revisions.update(em, this.store(caseId, type, recordId), basedOn, data, changeBy(origin, reason));
      return this.view(em, caseId, type, recordId);
    });
  }

  delete(origin: RequestOrigin, caseId: string, type: RecordType, recordId: string, basedOn: number, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      await this.revisions.delete(em, this.store(caseId, type, recordId), basedOn, changeBy(origin, reason));
      return this.view(em, caseId, type, recordId);
    });
  }

  restore(origin: RequestOrigin, caseId: string, type: RecordType, recordId: string, basedOn: number, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      const store = this.store(caseId, type, recordId);
      await this.revisions.restore(em, store, basedOn, changeBy(origin, reason));
      const restored = await store.load(em);
      await this.references.assertRecordFits(em, caseId, type, restored!.state!);
      return this.view(em, caseId, type, recordId);
    });
  }

  revert(origin: RequestOrigin, caseId: string, type: RecordType, recordId: string, basedOn: number, toVersion: number, reason: string | null) {
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      await this.revisions.revert(em, this.store(caseId, type, recordId), basedOn, toVersion, changeBy(origin, reason), (state) =>
        this.references.assertRecordFits(em, caseId, type, state),
      );
      return this.view(em, caseId, type, recordId);
    });
  }

  store(caseId: string, type: RecordType, recordId: string) {
    return this.records.store(caseId, type, recordId, RECORD_KINDS[type].label);
  }

  private async newId(em: EntityManager, caseId: string, type: RecordType): Promise<string> {
    return newItemId(RECORD_KINDS[type].idPrefix, await this.records.recordIds(em, caseId));
  }

  private async view(em: EntityManager, caseId: string, type: RecordType, recordId: string): Promise<RecordWithLastChange> {
    const row = await this.records.one(em, caseId, recordId);
    if (!row || row.type !== type) throw new NotFoundError(`${RECORD_KINDS[type].label} ${recordId}`);
    const last = (await this.revisions.latest(em, this.store(caseId, type, recordId).key)) as Revision;
    const names = await this.names.book(em, authorsOf([last]));
    return { ...recordView(row), lastChange: names.authored({ at: last.at, by: last.by, reason: last.reason, source: last.source }) };
  }
}

