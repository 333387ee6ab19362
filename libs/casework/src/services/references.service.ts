import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldProblem, InvalidInputError } from '@mapwork/kernel';
import { RecordType } from '@mapwork/revisions';
import { RecordData } from '../domain';
import { recordReferenceProblems, underPointer } from '../references';
import { AttachmentsRepository } from '../repositories/attachments.repository';
import { PeopleRepository } from '../repositories/people.repository';
import { RecordsRepository } from '../repositories/records.repository';

/** Applies the reference rules to records against what is stored for their case. */
@Injectable()
export class ReferencesService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly records: RecordsRepository,
    private readonly attachments: AttachmentsRepository,
  ) {}

  /** Throws 422 naming each field of `data` (under `/data`) that refers to something the case lacks. */
  async assertRecordFits(em: EntityManager, caseId: string, type: RecordType, data: RecordData): Promise<void> {
    const people = await this.people.roles(em, caseId);
    const attachments = type === 'child_voice' ? await this.attachments.digests(em, caseId) : undefined;
    const problems = recordReferenceProblems(type, data, { people, attachments, goalsMustAddressKnownStatements: true });
    if (problems.length) throw new InvalidInputError(underPointer('/data', problems), 'the record refers to something this case does not have');
  }

  /**
   * What would break in the case's current records if its people had these roles
   * (a person removed, or given another role).
   */
  async problemsWithPeople(em: EntityManager, caseId: string, people: Map<string, string>): Promise<FieldProblem[]> {
    const out: FieldProblem[] = [];
    for (const row of await this.records.ofCase(em, caseId)) {
      const data = JSON.parse(row.data ?? 'null') as RecordData;
      const problems = recordReferenceProblems(row.type as RecordType, data, { people, goalsMustAddressKnownStatements: false });
      out.push(...underPointer(`/records/${row.recordId}/data`, problems));
    }
    return out;
  }
}
