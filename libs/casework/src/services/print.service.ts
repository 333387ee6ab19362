import { Injectable } from '@nestjs/common';
import { UsersRepository } from '@mapwork/auth';
import { Clock, NotFoundError, peoplesDateOf } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { RequestOrigin } from '../case-access.service';
import { MappingData, NetworkMeetingData, SafetyPlanData } from '../domain';
import { PrintableCase, WorkerContact, renderFamilySafetyPlan, renderMap } from '../printables';
import { CasesService } from './cases.service';
import { CaseDocument } from './views';

/** Printable documents of a case, for those who may read it (each print is a logged view). */
@Injectable()
export class PrintService {
  constructor(
    private readonly cases: CasesService,
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async map(origin: RequestOrigin, caseId: string, recordId: string, asOf?: string): Promise<string> {
    const doc = await this.cases.get(origin, caseId, asOf);
    const record = doc.records.find((r) => r.id === recordId && r.type === 'mapping');
    if (!record?.data) throw new NotFoundError(`mapping ${recordId}`);
    return renderMap(await this.printable(doc), { id: record.id, version: record.version, data: record.data as MappingData });
  }

  async familySafetyPlan(origin: RequestOrigin, caseId: string, recordId: string, asOf?: string): Promise<string> {
    const doc = await this.cases.get(origin, caseId, asOf);
    const plan = doc.records.find((r) => r.id === recordId && r.type === 'safety_plan');
    if (!plan?.data) throw new NotFoundError(`safety plan ${recordId}`);
    const dataOf = <T>(type: string) => doc.records.filter((r) => r.type === type && r.data).map((r) => r.data as T);
    return renderFamilySafetyPlan(await this.printable(doc), plan.data as SafetyPlanData, {
      mappings: dataOf<MappingData>('mapping'),
      meetings: dataOf<NetworkMeetingData>('network_meeting'),
      on: peoplesDateOf(asOf ?? this.clock.now()),
    });
  }

  private async printable(doc: CaseDocument): Promise<PrintableCase> {
    return { ref: doc.case.ref, team: doc.case.team, people: doc.people, worker: await this.workerContact(doc.case.worker) };
  }

  /** The allocated worker, unless the id names nobody here (an imported case) or an account that is closed. */
  private async workerContact(userId: string | null): Promise<WorkerContact | null> {
    if (!userId) return null;
    const user = await this.tx.read((em) => this.users.userById(em, userId));
    if (!user || user.disabled) return null;
    return { name: user.displayName, email: user.email, phone: user.phone };
  }
}
