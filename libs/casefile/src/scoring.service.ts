import { Injectable } from '@nestjs/common';
import { AccessLogService } from '@mapwork/auth';
import { FidelityCase, FidelityReport, FidelityScorer, GroupBy } from '@mapwork/fidelity';
import { Clock, NotFoundError } from '@mapwork/kernel';
import { Pseudonymiser } from './pseudonymise';
import { StoredCaseFiles } from './stored-cases';

export interface StoredScope {
  /** one site, or every site */
  site?: string;
  teamIds?: string[];
  consentedOnly?: boolean;
  /** pseudonymise (worker ids in particular) under each site's key, for evaluators */
  pseudonymiseWith?: (site: string) => Buffer;
}

/** Fidelity reports over stored cases: the same pure functions as for a file. */
@Injectable()
export class StoredFidelityService {
  constructor(
    private readonly stored: StoredCaseFiles,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
  ) {}

  async report(scope: StoredScope, options: { asOf?: string; groupBy?: GroupBy }): Promise<FidelityReport> {
    if (scope.site !== undefined && !(await this.stored.site(scope.site))) throw new NotFoundError(`site ${scope.site}`);
    const scorer = new FidelityScorer(options.asOf ?? this.clock.now(), options.groupBy);
    const pseudonymisers = new Map<string, Pseudonymiser>();
    for await (const { id, site, file } of this.stored.cases(scope)) {
      this.accessLog.touch([id]);
      let c = file;
      if (scope.pseudonymiseWith) {
        if (!pseudonymisers.has(site)) pseudonymisers.set(site, new Pseudonymiser(scope.pseudonymiseWith(site)));
        c = pseudonymisers.get(site)!.case(file);
      }
      scorer.add({ ...c, site } as FidelityCase);
    }
    return scorer.report();
  }
}
