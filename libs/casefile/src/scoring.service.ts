import { Injectable } from '@nestjs/common';
import { FidelityReport, FidelityScorer, GroupBy } from '@mapwork/fidelity';
import { Clock, NotFoundError, normaliseInstant } from '@mapwork/kernel';
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
  ) {}

  async report(scope: StoredScope, options: { asOf?: string; groupBy?: GroupBy }): Promise<FidelityReport> {
    if (scope.site !== undefined && !(await this.stored.site(scope.site))) throw new NotFoundError(`site ${scope.site}`);
    const asOf = options.asOf ?? this.clock.now();
    const scorer = new FidelityScorer(asOf, options.groupBy);
    const pseudonymisers = new Map<string, Pseudonymiser>();
    for await (const c of this.stored.forScoring(scope, normaliseInstant(asOf))) {
      // pseudonymisation keeps the metrics (casefile-format.md), so only the labels need it
      if (scope.pseudonymiseWith && c.worker != null) {
        if (!pseudonymisers.has(c.site)) pseudonymisers.set(c.site, new Pseudonymiser(scope.pseudonymiseWith(c.site)));
        c.worker = pseudonymisers.get(c.site)!.user(c.worker);
      }
      scorer.add(c);
    }
    return scorer.report();
  }
}
