import { INDICATORS, INDICATOR_LABELS } from '@mapwork/fidelity';
import { renderTemplate } from '@mapwork/kernel';
import { KappaResult, notComputableText, round3 } from '@mapwork/statistics';
import { AuditState, GRADES, roundFigures } from './audit';

const r3 = (v: number | null | undefined) => round3(v) || 'n/a';
/** A kappa for people: 3 decimals, or "not computable: …" with the reason. */
const kappaText = (k: KappaResult) => (k.kappa === null && k.notComputable ? notComputableText(k.notComputable) : r3(k.kappa));
const gradeLabel = (g: string) => g.replace(/_/g, ' ');
const rate = (f: { met: number; applicable: number; rate: number | null } | undefined) => (f && f.applicable ? `${f.met}/${f.applicable} (${Math.round((f.rate ?? 0) * 100)} %)` : 'n/a');

type RoundReport = ReturnType<typeof roundFigures> & { round: { name: string; asOf: string; status: string }; withdrawn: Array<{ byName: string | null }> };

export function renderRoundReport(report: RoundReport): string {
  return renderTemplate('round-report', {
    ...report,
    teams: report.teams.map((t) => ({
      team: t.team,
      rows: INDICATORS.map((id) => ({ label: INDICATOR_LABELS[id], now: rate(t.current.indicators[id]), before: t.previous ? rate(t.previous.indicators[id]) : '—' })),
    })),
    grades: GRADES.map((g) => ({ label: gradeLabel(g), count: report.grades[g] })),
    moderationObserved: r3(report.agreement.moderation.observed),
    moderationExpected: r3(report.agreement.moderation.expected),
    moderationKappa: kappaText(report.agreement.moderation),
    indicatorAgreement: report.agreement.indicators.filter((i) => i.n > 0).map((i) => ({ label: INDICATOR_LABELS[i.indicator], n: i.n, observed: r3(i.observed), kappa: kappaText(i) })),
  });
}

const FEEDBACK_QUESTIONS: Array<[keyof NonNullable<AuditState['familyFeedback']>, string]> = [
  ['knowsThereIsAPlan', 'Knows there is a plan'],
  ['planRepresentsFamilyViews', "The plan represents the family's views"],
  ['understandsTheWorries', 'Understands the worries'],
  ['agreesWithWorkerOnWhatMustChange', 'Agrees with the social worker about what needs to change'],
];

const yesNo = (v: boolean | null) => (v === null ? 'not applicable' : v ? 'yes' : 'no');

/** The case audit record a worker can keep. */
export function renderCaseAudit(a: {
  caseRef: string;
  roundName: string;
  asOf: string;
  auditorName: string;
  workerName: string;
  version: number;
  computed: Record<string, boolean | null>;
  state: AuditState;
}): string {
  const s = a.state;
  const verdict = (v?: { verdict: string; note: string | null }) => (v ? `${v.verdict}${v.note ? `: ${v.note}` : ''}` : '');
  return renderTemplate('case-audit', {
    caseRef: a.caseRef,
    roundName: a.roundName,
    asOf: a.asOf,
    auditorName: a.auditorName,
    workerName: a.workerName,
    version: a.version,
    workingWell: s.workingWell,
    worries: s.worries,
    needsToHappen: s.needsToHappen,
    scale: s.practiceScale,
    grade: s.grade ? gradeLabel(s.grade) : null,
    moderation: s.moderation ? gradeLabel(s.moderation.grade) : null,
    feedback: s.familyFeedback ? FEEDBACK_QUESTIONS.map(([k, question]) => ({ question, answer: s.familyFeedback![k].replace(/_/g, ' ') })) : null,
    indicators: INDICATORS.map((id) => ({
      label: INDICATOR_LABELS[id],
      computed: yesNo(a.computed[id]),
      auditor: verdict(s.verdicts[id]?.auditor),
      worker: verdict(s.verdicts[id]?.worker),
      auditorDisputes: s.verdicts[id]?.auditor?.verdict === 'dispute',
      workerDisputes: s.verdicts[id]?.worker?.verdict === 'dispute',
    })),
    actions: s.actions,
    signedOff: s.signOff.auditor && s.signOff.worker ? { auditor: s.signOff.auditor.at, worker: s.signOff.worker.at } : null,
  });
}
