import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FidelityCase, FidelityReport, GroupBy, fidelityReport } from './index';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'fixtures');

interface CaseFile {
  exportedAt: string;
  site: { code: string };
  cases: Array<Omit<FidelityCase, 'site'>>;
}

function casesOf(file: CaseFile): FidelityCase[] {
  return file.cases.map((c) => ({ ...c, site: file.site.code }));
}

function load(name: string) {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

const TOL = 1e-9;
function close(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(b)) return Array.isArray(a) && a.length === b.length && a.every((x, i) => close(x, b[i]));
  return Math.abs(Number(a) - Number(b)) <= TOL * Math.max(1, Math.abs(Number(b)));
}

/** The same comparison as ../shared/tools/compare-fidelity.py. */
function mismatches(ours: FidelityReport, expected: FidelityReport): string[] {
  const bad: string[] = [];
  const byRef = new Map(ours.cases.map((c) => [c.ref, c]));
  for (const c of expected.cases) {
    const p = byRef.get(c.ref);
    if (!p) {
      bad.push(`case ${c.ref} missing`);
      continue;
    }
    for (const [k, v] of Object.entries(c.indicators)) if ((p.indicators as Record<string, unknown>)[k] !== v) bad.push(`${c.ref} ${k}: ${(p.indicators as Record<string, unknown>)[k]} vs ${v}`);
    if (!close(p.fidelity_index, c.fidelity_index)) bad.push(`${c.ref} fidelity_index`);
    if (!close(p.depth_index, c.depth_index)) bad.push(`${c.ref} depth_index`);
  }
  const extra = ours.cases.filter((c) => !expected.cases.some((e) => e.ref === c.ref));
  if (extra.length) bad.push(`extra cases ${extra.map((c) => c.ref)}`);
  if (JSON.stringify(ours.groups.map((g) => g.key)) !== JSON.stringify(expected.groups.map((g) => g.key))) bad.push('group keys or order');
  for (const g of expected.groups) {
    const p = ours.groups.find((x) => x.key === g.key);
    if (!p) continue;
    if (p.cases !== g.cases) bad.push(`group ${g.key} cases`);
    for (const [k, v] of Object.entries(g.indicators)) {
      const q = (p.indicators as Record<string, { applicable: number; met: number; rate: number | null; ci95: number[] | null }>)[k];
      if (q.applicable !== v.applicable || q.met !== v.met || !close(q.rate, v.rate) || !close(q.ci95, v.ci95)) bad.push(`group ${g.key} ${k}: ${JSON.stringify(q)} vs ${JSON.stringify(v)}`);
    }
    if (!close(p.fidelity_index.mean, g.fidelity_index.mean) || !close(p.fidelity_index.median, g.fidelity_index.median)) bad.push(`group ${g.key} index`);
  }
  return bad;
}

describe('fidelity reports reproduce the shared fixtures', () => {
  it.each([
    ['edge-cases.casefile.json', 'edge-cases.fidelity.json', undefined, undefined],
    ['edge-cases.casefile.json', 'edge-cases.fidelity-2019-06-15.json', '2019-06-15T00:00:00Z', undefined],
    ['edge-cases.casefile.json', 'edge-cases.fidelity-by-team.json', undefined, 'team'],
    ['random-101.casefile.json', 'random-101.fidelity-by-team.json', undefined, 'team'],
  ] as const)('%s → %s', (file, report, asOf, groupBy) => {
    const casefile = load(file) as CaseFile;
    const expected = load(report) as FidelityReport;
    const ours = fidelityReport(casesOf(casefile), { asOf: asOf ?? casefile.exportedAt, groupBy: groupBy as GroupBy | undefined });
    expect(mismatches(ours, expected)).toEqual([]);
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
