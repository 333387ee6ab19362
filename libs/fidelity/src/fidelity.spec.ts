import { REFERENCE_REPORTS, fixture } from '../../../test/support/fixtures';
import { reportMismatches } from '../../../test/support/fidelity-reports';
import { FidelityCase, FidelityReport, GroupBy, fidelityReport } from './index';

interface CaseFile {
  exportedAt: string;
  site: { code: string };
  cases: Array<Omit<FidelityCase, 'site'>>;
}

function casesOf(file: CaseFile): FidelityCase[] {
  return file.cases.map((c) => ({ ...c, site: file.site.code }));
}

describe('fidelity reports reproduce the reference reports of test/fixtures', () => {
  it.each(REFERENCE_REPORTS)('$file as at $asOf by $groupBy → $report', ({ file, report, asOf, groupBy }) => {
    const casefile = fixture(file) as unknown as CaseFile;
    const expected = fixture(report) as unknown as FidelityReport;
    const ours = fidelityReport(casesOf(casefile), { asOf: asOf ?? casefile.exportedAt, groupBy: groupBy as GroupBy | undefined });
    expect(reportMismatches(ours, expected)).toEqual([]);
    expect(ours.asOf).toBe(expected.asOf);
    expect(ours.groupBy).toBe(expected.groupBy);
    expect(ours.cases.map((c) => c.ref)).toEqual(expected.cases.map((c) => c.ref));
  });

  it('rejects an as-of that is not an instant, the empty string included', () => {
    for (const bad of ['', '2019-06-15', '2019-06-15T00:00:00', '2019-02-30T00:00:00Z', '2019-06-15T00:00:00.0001Z', '2019-06-15T00:00:00+01:00']) {
      expect(() => fidelityReport([], { asOf: bad })).toThrow(/asOf must be a UTC instant/);
    }
  });

  it('has no groups when no case is scored', () => {
    expect(fidelityReport([], { asOf: '2020-01-01T00:00:00Z' })).toEqual({ asOf: '2020-01-01T00:00:00Z', groupBy: 'site', cases: [], groups: [] });
  });
});

describe('sameValue', () => {
  const { sameValue } = jest.requireActual('./values') as typeof import('./values');
  it('treats absent and null alike at every level, and nothing else', () => {
    expect(sameValue({ personId: 'n1' }, { personId: 'n1', commitment: null })).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(null, [])).toBe(false);
    expect(sameValue([{ a: 1 }], [{ a: 1, b: null }])).toBe(true);
    expect(sameValue({ toString: null }, {})).toBe(true);
    expect(sameValue({}, { toString: 'x' })).toBe(false);
    expect(sameValue('e\u0301', '\u00e9')).toBe(false);
  });
});
