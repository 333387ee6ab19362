import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessLogService, AuthUser } from '@mapwork/auth';
import { StoredFidelityService } from '@mapwork/casefile';
import { CasesRepository } from '@mapwork/casework';
import { InvalidInputError, NotFoundError, compareCodePoints } from '@mapwork/kernel';
import { CaseEntity, TransactionRunner } from '@mapwork/persistence';
import { RevisionsService } from '@mapwork/revisions';
import { AgreementReport, RaterSheets, ScoringSheet, agreementReport } from './agreement';
import { ScoringSheetsRepository } from './scoring-sheets.repository';

/**
 * Evaluators' own judgement of each indicator for a case, kept with revision history
 * like any record, and how far raters agree with each other and with the computed
 * indicators. Only consented cases can be scored.
 */
@Injectable()
export class ScoringSheetsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly sheets: ScoringSheetsRepository,
    private readonly cases: CasesRepository,
    private readonly revisions: RevisionsService,
    private readonly fidelity: StoredFidelityService,
    private readonly accessLog: AccessLogService,
  ) {}

  private async consentedCase(em: EntityManager, site: string, ref: string) {
    const row = await this.cases.bySiteRef(em, site, ref);
    if (!row || row.deleted || !row.researchConsent) throw new NotFoundError(`consented case ${ref} of site ${site}`);
    return row;
  }

  get(rater: AuthUser, site: string, ref: string) {
    return this.tx.read(async (em) => {
      const c = await this.consentedCase(em, site, ref);
      this.accessLog.touch([c.id]);
      const current = await this.sheets.store(c.id, rater.id).load(em);
      if (!current || current.state === null) throw new NotFoundError(`your scoring sheet for case ${ref}`);
      return { site, ref, rater: rater.id, version: current.version, ...current.state };
    });
  }

  /** Writes the rater's whole sheet: a new one, or a change based on its current version. */
  put(rater: AuthUser, site: string, ref: string, sheet: ScoringSheet, basedOn: number | undefined, reason: string | null) {
    return this.tx.write(async (em) => {
      const c = await this.consentedCase(em, site, ref);
      const store = this.sheets.store(c.id, rater.id);
      const ctx = { actor: rater.id, reason };
      const current = await store.load(em);
      if (!current) {
        if (basedOn !== undefined) throw InvalidInputError.single('/version', 'noSheetYet', 'there is no sheet to base a change on yet: leave out the version to create it');
        await this.revisions.create(em, store, sheet, ctx);
      } else {
        if (basedOn === undefined) throw InvalidInputError.single('/version', 'required', 'you have a sheet for this case already: send the version this change is based on');
        await this.revisions.update(em, store, basedOn, sheet, ctx);
      }
      await this.accessLog.record(em, rater.id, c.id, 'write', `PUT /api/v1/evaluation/scoring-sheets/${site}/${ref}`);
      const now = (await store.load(em))!;
      return { site, ref, rater: rater.id, version: now.version, ...now.state! };
    });
  }

  history(rater: AuthUser, site: string, ref: string, page: number, pageSize: number) {
    return this.tx.read(async (em) => {
      const c = await this.consentedCase(em, site, ref);
      this.accessLog.touch([c.id]);
      return this.revisions.history(em, this.sheets.store(c.id, rater.id).key, page, pageSize);
    });
  }

  /** Agreement per indicator for the consented cases of a site, as their records stood at asOf. */
  async agreement(site: string, asOf: string | undefined, raterIds: string[]): Promise<AgreementReport> {
    const report = await this.fidelity.report({ site, consentedOnly: true }, { asOf });
    const rows: Array<Pick<CaseEntity, 'id' | 'ref'>> = await this.tx.read((em) =>
      em.getRepository(CaseEntity).find({ select: { id: true, ref: true }, where: { siteCode: site, researchConsent: true, deleted: false } }),
    );
    const refOf = new Map(rows.map((r) => [r.id, r.ref]));
    const stored = await this.tx.read((em) => this.sheets.ofRaters(em, rows.map((r) => r.id), raterIds));
    const raters: RaterSheets[] = raterIds.map((rater) => ({
      rater,
      sheets: new Map(
        stored
          .filter((s) => s.raterId === rater && s.data)
          .map((s) => [refOf.get(s.caseId)!, JSON.parse(s.data!) as ScoringSheet] as const)
          .sort((a, b) => compareCodePoints(a[0], b[0])),
      ),
    }));
    return agreementReport(report.asOf, report.cases, raters);
  }
}
