import { Injectable } from '@nestjs/common';
import { AccessLogService, UserNames } from '@mapwork/auth';
import { ChangeComparison, FidelityCase, FidelityReport, FidelityScorer, GroupBy, compareInstants } from '@mapwork/fidelity';
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
    private readonly accessLog: AccessLogService,
  ) {}

  async report(scope: StoredScope, options: { asOf?: string; groupBy?: GroupBy }): Promise<FidelityReport> {
    if (scope.site !== undefined && !(await this.stored.site(scope.site))) throw new NotFoundError(`site ${scope.site}`);
    const scorer = new FidelityScorer(options.asOf ?? this.clock.now(), options.groupBy);
    const pseudonymiser = pseudonymisers(scope);
    for await (const { id, site, file } of this.stored.cases(scope)) {
      this.accessLog.touch([id]);
      scorer.add({ ...(pseudonymiser ? pseudonymiser(site).case(file) : file), site } as FidelityCase);
    }
    return scorer.report();
  }

  /**
   * The same cases at `asOf` (T1) and `vsAsOf` (T3), with the cases that lost and gained
   * each indicator; where the scope pseudonymises, those are named by a keyed pseudonym
   * of their ref.
   */
  async change(scope: StoredScope, options: { asOf?: string; vsAsOf: string; groupBy?: GroupBy }): Promise<ChangeComparison> {
    const before = await this.report(scope, { asOf: options.asOf, groupBy: options.groupBy });
    const after = await this.report(scope, { asOf: options.vsAsOf, groupBy: options.groupBy });
    const pseudonymiser = pseudonymisers(scope);
    return compareInstants(before, after, pseudonymiser ? (c) => pseudonymiser(c.site).caseRef(c.ref) : undefined);
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

/** One pseudonymiser per site under the scope's keys, or null where the scope shows cases as they are. */
function pseudonymisers(scope: StoredScope): ((site: string) => Pseudonymiser) | null {
  const keyFor = scope.pseudonymiseWith;
  if (!keyFor) return null;
  const bySite = new Map<string, Pseudonymiser>();
  return (site) => {
    if (!bySite.has(site)) bySite.set(site, new Pseudonymiser(keyFor(site)));
    return bySite.get(site)!;
  };
}
