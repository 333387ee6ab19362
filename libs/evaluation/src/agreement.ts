import { CaseFidelity, INDICATORS, IndicatorId } from '@mapwork/fidelity';
import { KappaResult, Rating, cohenKappa } from '@mapwork/statistics';

/** One judgement on a scoring sheet: true, false, or null for "not applicable", with a note. */
export interface Judgement {
  value: boolean | null;
  note?: string | null;
}

export type Judgements = Partial<Record<IndicatorId, Judgement>>;

export interface ScoringSheet {
  judgements: Judgements;
}

/** A rater's sheets, by case ref. */
export interface RaterSheets {
  rater: string;
  sheets: ReadonlyMap<string, ScoringSheet>;
}

export interface AgreementFigures extends KappaResult {
  /** cases where the two differ, with what each said */
  disagreements: Array<{ ref: string; first: Rating; second: Rating }>;
}

export interface IndicatorAgreement {
  indicator: IndicatorId;
  /** between the two raters, on cases both judged (absent with one rater) */
  betweenRaters?: AgreementFigures;
  /** each rater against the computed value, on the cases that rater judged */
  withComputed: Array<{ rater: string } & AgreementFigures>;
}

export interface AgreementReport {
  asOf: string;
  raters: string[];
  indicators: IndicatorAgreement[];
}

function figures(pairs: Array<{ ref: string; first: Rating; second: Rating }>): AgreementFigures {
  const kappa = cohenKappa(pairs.map((p) => [p.first, p.second] as const));
  return { ...kappa, disagreements: pairs.filter((p) => p.first !== p.second) };
}

/**
 * How far raters agree, per indicator: Cohen's kappa and observed agreement between two
 * evaluators on the cases both judged, and between each evaluator and the computed value
 * (fidelity.md §5: `null` is a category of its own). The cases where they differ are listed.
 */
export function agreementReport(asOf: string, computed: readonly CaseFidelity[], raters: readonly RaterSheets[]): AgreementReport {
  const byRef = new Map(computed.map((c) => [c.ref, c]));
  return {
    asOf,
    raters: raters.map((r) => r.rater),
    indicators: INDICATORS.map((id) => {
      const judged = (r: RaterSheets, ref: string) => r.sheets.get(ref)?.judgements[id];
      const out: IndicatorAgreement = {
        indicator: id,
        withComputed: raters.map((r) => {
          const pairs = [...r.sheets.keys()]
            .filter((ref) => byRef.has(ref) && judged(r, ref) !== undefined)
            .sort()
            .map((ref) => ({ ref, first: judged(r, ref)!.value, second: byRef.get(ref)!.indicators[id] }));
          return { rater: r.rater, ...figures(pairs) };
        }),
      };
      if (raters.length === 2) {
        const [a, b] = raters;
        const pairs = [...a.sheets.keys()]
          .filter((ref) => judged(a, ref) !== undefined && judged(b, ref) !== undefined)
          .sort()
          .map((ref) => ({ ref, first: judged(a, ref)!.value, second: judged(b, ref)!.value }));
        out.betweenRaters = figures(pairs);
      }
      return out;
    }),
  };
}
