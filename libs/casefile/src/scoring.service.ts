import { Injectable } from '@nestjs/common';
import { UserNames } from '@mapwork/auth';
import { FidelityCase, FidelityReport, FidelityScorer, GroupBy } from '@mapwork/fidelity';
import { Clock, NotFoundError } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
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
    private readonly tx: TransactionRunner,
    private readonly names: UserNames,
  ) {}

  async report(scope: StoredScope, options: { asOf?: string; groupBy?: GroupBy }): Promise<FidelityReport> {
    if (scope.site !== undefined && !(await this.stored.site(scope.site))) throw new NotFoundError(`site ${scope.site}`);
    const scorer = new FidelityScorer(options.asOf ?? this.clock.now(), options.groupBy);
    const pseudonymisers = new Map<string, Pseudonymiser>();
    for await (const { site, file } of this.stored.cases(scope)) {
      let c = file;
      if (scope.pseudonymiseWith) {
        if (!pseudonymisers.has(site)) pseudonymisers.set(site, new Pseudonymiser(scope.pseudonymiseWith(site)));
        c = pseudonymisers.get(site)!.case(file);
      }
      scorer.add({ ...c, site } as FidelityCase);
    }
    return scorer.report();
  }

  /**
   * The report as staff read it: each case's worker named beside the id, and with
   * `groupBy=worker` each group too. A pseudonymised report (evaluators') stays nameless.
   */
  async named(report: FidelityReport, scope: StoredScope) {
    if (scope.pseudonymiseWith) return report;
    const names = await this.tx.read((em) => this.names.book(em, report.cases.map((c) => c.worker)));
    return {
      ...report,
      cases: report.cases.map((c) => ({ ...c, workerName: names.name(c.worker) })),
      groups: report.groupBy === 'worker' ? report.groups.map((g) => ({ ...g, name: names.name(g.key) })) : report.groups,
    };
  }
}
