import { NotFoundError } from '@mapwork/kernel';
import { CaseRecordEntity, PersonEntity } from '@mapwork/persistence';
import { RecordType, Revision } from '@mapwork/revisions';
import { CaseState, PersonState, RecordData } from '../domain';
import { CaseRow, caseStateOf } from '../repositories/cases.repository';
import { personStateOf } from '../repositories/people.repository';

export interface CaseView extends CaseState {
  id: string;
  teamId: string | null;
  version: number;
  deleted: boolean;
  /** the worker's display name, where the API answers with it */
  workerName?: string | null;
}

export interface PersonView extends PersonState {
  version: number;
  /** present and true when the person's current revision is a deletion */
  deleted?: boolean;
}

export interface RecordView<D = RecordData> {
  caseId: string;
  type: RecordType;
  id: string;
  version: number;
  /** null when the record's current revision is a deletion */
  data: D | null;
  deleted?: boolean;
}

/** A whole case: its fields, its people and its records, now or as at an instant. */
export interface CaseDocument {
  asOf: string | null;
  case: CaseView;
  people: PersonView[];
  records: RecordView[];
}

export function caseView(row: CaseRow): CaseView {
  return { id: row.id, ...caseStateOf(row), teamId: row.teamId, version: row.version, deleted: !!row.deleted };
}

export function personView(row: PersonEntity): PersonView {
  return row.deleted ? { id: row.personId, role: row.role as PersonState['role'], version: row.version, deleted: true } : { ...personStateOf(row), version: row.version };
}

export function recordView(row: CaseRecordEntity): RecordView {
  const view: RecordView = { caseId: row.caseId, type: row.type as RecordType, id: row.recordId, version: row.version, data: JSON.parse(row.data ?? 'null') };
  return row.deleted ? { ...view, deleted: true } : view;
}

export function recordViewOf<D>(rev: Revision<D>): RecordView<D> {
  return { caseId: rev.caseId, type: rev.entityType as RecordType, id: rev.entityId, version: rev.version, data: rev.state as D };
}

/** Something asked for as at an instant that did not exist then. */
export function notAsAt(label: string, asOf: string): NotFoundError {
  return new NotFoundError(`${label} as at ${asOf}`, { asOf });
}
