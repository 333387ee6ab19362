import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@mapwork/kernel';
import { RequestOrigin } from '../case-access.service';
import { MappingData, SafetyPlanData } from '../domain';
import { renderFamilySafetyPlan, renderMap } from '../printables';
import { CasesService } from './cases.service';

/** Printable documents of a case, for those who may read it (each print is a logged view). */
@Injectable()
export class PrintService {
  constructor(private readonly cases: CasesService) {}

  async map(origin: RequestOrigin, caseId: string, recordId: string, asOf?: string): Promise<string> {
    const doc = await this.cases.get(origin, caseId, asOf);
    const record = doc.records.find((r) => r.id === recordId && r.type === 'mapping');
    if (!record?.data) throw new NotFoundError(`mapping ${recordId}`);
    return renderMap({ ref: doc.case.ref, people: doc.people }, { id: record.id, version: record.version, data: record.data as MappingData });
  }

  async familySafetyPlan(origin: RequestOrigin, caseId: string, recordId: string, asOf?: string): Promise<string> {
    const doc = await this.cases.get(origin, caseId, asOf);
    const plan = doc.records.find((r) => r.id === recordId && r.type === 'safety_plan');
    if (!plan?.data) throw new NotFoundError(`safety plan ${recordId}`);
    const mappings = doc.records.filter((r) => r.type === 'mapping' && r.data).map((r) => r.data as MappingData);
    return renderFamilySafetyPlan({ ref: doc.case.ref, people: doc.people }, plan.data as SafetyPlanData, mappings);
  }
}
