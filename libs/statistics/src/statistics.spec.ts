import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  NOT_COMPUTABLE_CODES,
  Z_95,
  chiSquareKx2,
  cohenKappa,
  cronbachAlpha,
  fisherExact,
  formatP,
  mcnemarExact,
  pairedTTest,
  proportionDifference,
  tScores,
  weightedKappa,
  welchTTest,
} from './index';

/**
 * Reference values from ../reference/values.json, written by ../reference/compute.py
 * with SciPy 1.17.1 and NumPy 2.4.6 (see the script for which function gave which value).
 */
const ref = JSON.parse(readFileSync(join(__dirname, '..', 'reference', 'values.json'), 'utf8'));

/** p-values to 1e-9 relative or 1e-12 absolute (the tolerance); other figures to 1e-12 relative */
function closeP(ours: number | null, theirs: number) {
  expect(ours).not.toBeNull();
  expect(Math.abs(ours! - theirs) <= Math.max(1e-12, 1e-9 * Math.abs(theirs))).toBe(true);
}
function close(ours: number | null, theirs: number) {
  expect(ours).not.toBeNull();
  expect(Math.abs(ours! - theirs)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(theirs)));
}

describe('statistics against SciPy', () => {
  it('uses the same z as SciPy for 95 %', () => expect(Z_95).toBe(ref.z95));

  it("Fisher's exact test, two-sided", () => {
    for (const f of ref.fisher as Array<{ table: number[][]; statistic: number | null; p: number }>) {
      const [[a, b], [c, d]] = f.table;
      const r = fisherExact(a, b, c, d);
      closeP(r.p, f.p);
      if (f.statistic !== null) close(r.oddsRatio, f.statistic);
      else expect(r).toMatchObject({ oddsRatio: null, notComputable: { code: expect.any(String) } });
    }
  });

  it('Pearson chi-square on k×2 tables', () => {
    for (const c of ref.chi2 as Array<{ table: Array<[number, number]>; statistic: number; df: number; p: number; expected: number[][] }>) {
      const r = chiSquareKx2(c.table);
      close(r.statistic, c.statistic);
      expect(r.df).toBe(c.df);
      closeP(r.p, c.p);
      r.expected.flat().forEach((e, i) => close(e, c.expected.flat()[i]));
    }
    // SciPy refuses a table whose outcome never varies (an expected count of 0)
    expect(ref.chi2_empty_column.error).toMatch(/zero element/);
    expect(chiSquareKx2(ref.chi2_empty_column.table)).toMatchObject({ statistic: null, p: null, df: 2, notComputable: { code: 'NO_VARIATION' } });
  });

  it('paired and Welch t-tests', () => {
    const p = pairedTTest(ref.paired.x, ref.paired.y);
    close(p.t, ref.paired.t);
    expect(p.df).toBe(ref.paired.df);
    closeP(p.p, ref.paired.p);
    const w = welchTTest(ref.welch.x, ref.welch.y);
    close(w.t, ref.welch.t);
    close(w.df, ref.welch.df);
    closeP(w.p, ref.welch.p);
    const one = welchTTest(ref.welch_one_constant.x, ref.welch_one_constant.y);
    close(one.t, ref.welch_one_constant.t);
    closeP(one.p, ref.welch_one_constant.p);
  });

  it('says t is infinite, with p its limit 0, where SciPy gives ±inf; and 0/0 where SciPy gives NaN', () => {
    const c = ref.paired_constant;
    expect(c).toMatchObject({ t_is_inf: true, t_sign: 1, p: 0 });
    const r = pairedTTest(c.x, c.y);
    expect(r).toMatchObject({ t: null, p: 0, df: c.df, meanDifference: 2, notComputable: { code: 'INFINITE_STATISTIC' } });
    expect(r.notComputable!.message).toContain('+∞');
    expect(pairedTTest(c.y, c.x).notComputable!.message).toContain('−∞');
    expect(ref.paired_zero).toMatchObject({ t_is_nan: true, p_is_nan: true });
    expect(pairedTTest(ref.paired_zero.x, ref.paired_zero.x)).toMatchObject({ t: null, p: null, meanDifference: 0, notComputable: { code: 'NO_VARIATION' } });
    const w = ref.welch_both_constant;
    expect(w).toMatchObject({ t_is_inf: true, t_sign: -1, p: 0 });
    const rw = welchTTest(w.x, w.y);
    expect(rw).toMatchObject({ t: null, df: null, p: 0, meanDifference: -3, notComputable: { code: 'INFINITE_STATISTIC' } });
    expect(rw.notComputable!.message).toContain('−∞');
  });

  it("McNemar's exact test", () => {
    for (const m of ref.mcnemar as Array<{ b: number; c: number; p: number }>) closeP(mcnemarExact(m.b, m.c).p, m.p);
  });

  it("Cohen's kappa with null as a category, and weighted kappa on ordered grades", () => {
    const toRating = (v: string) => (v === 'n' ? null : v === 't');
    const k = cohenKappa(ref.kappa.pairs.map(([a, b]: [string, string]) => [toRating(a), toRating(b)]));
    close(k.kappa, ref.kappa.kappa);
    close(k.observed, ref.kappa.observed);
    close(k.expected, ref.kappa.expected);
    const grades = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
    for (const weights of ['linear', 'quadratic'] as const) {
      const w = weightedKappa(ref.weighted_kappa.pairs, grades, weights);
      close(w.kappa, ref.weighted_kappa[weights]);
      close(w.observed, ref.weighted_kappa[`${weights}_agreement`].observed);
      close(w.expected, ref.weighted_kappa[`${weights}_agreement`].expected);
    }
  });

  it("Cronbach's alpha, T-scores and Newcombe's interval for a difference", () => {
    close(cronbachAlpha(ref.cronbach.items).alpha, ref.cronbach.alpha);
    tScores(ref.tscores.values).t.forEach((t, i) => close(t, ref.tscores.t[i]));
    for (const n of ref.newcombe) {
      const r = proportionDifference(n.args[0], n.args[1], n.args[2], n.args[3])!;
      close(r.difference, n.diff);
      close(r.ci95[0], n.ci[0]);
      close(r.ci95[1], n.ci[1]);
    }
  });
});

describe('edge cases', () => {
  it('zero cells, empty groups and all-agree', () => {
    expect(fisherExact(0, 0, 0, 0)).toMatchObject({ p: 1, oddsRatio: null, notComputable: { code: 'NO_DATA' } });
    expect(fisherExact(3, 0, 0, 3)).toMatchObject({ oddsRatio: null, notComputable: { code: 'INFINITE_STATISTIC' } });
    expect(fisherExact(3, 1, 1, 3)).toMatchObject({ oddsRatio: 9, notComputable: null });
    expect(chiSquareKx2([[5, 0], [3, 0]])).toMatchObject({ statistic: null, df: 1, p: null, warnings: [], notComputable: { code: 'NO_VARIATION' } });
    expect(chiSquareKx2([[5, 1], [0, 0]])).toMatchObject({ df: null, p: null, notComputable: { code: 'TOO_FEW' } });
    expect(cohenKappa([[true, true], [true, true]])).toMatchObject({ observed: 1, expected: 1, kappa: null, notComputable: { code: 'NO_VARIATION' } });
    expect(cohenKappa([])).toMatchObject({ n: 0, kappa: null, notComputable: { code: 'NO_DATA', message: 'no cases rated by both' } });
    expect(weightedKappa([['a', 'a']], ['a'])).toMatchObject({ kappa: null, notComputable: { code: 'NO_VARIATION' } });
    expect(proportionDifference(1, 0, 1, 2)).toBeNull();
    expect(mcnemarExact(0, 0)).toEqual({ b: 0, c: 0, p: 1, notComputable: null });
  });
  it('n = 0, n = 1 and no variation: null figures with a reason, never NaN or a negative df', () => {
    expect(pairedTTest([], [])).toEqual({ t: null, df: null, p: null, meanDifference: null, notComputable: { code: 'NO_DATA', message: 'no pairs' } });
    expect(pairedTTest([1], [2])).toMatchObject({ t: null, df: null, p: null, meanDifference: -1, notComputable: { code: 'TOO_FEW' } });
    expect(welchTTest([1], [2, 3])).toMatchObject({ p: null, notComputable: { code: 'TOO_FEW' } });
    expect(welchTTest([], [2, 3])).toMatchObject({ p: null, meanDifference: null, notComputable: { code: 'NO_DATA' } });
    expect(tScores([4])).toEqual({ t: [null], notComputable: { code: 'TOO_FEW', message: 'one unit; T-scores compare two or more' } });
    expect(tScores([3, 3, 3])).toMatchObject({ t: [null, null, null], notComputable: { code: 'NO_VARIATION' } });
    expect(cronbachAlpha([[1, 2]])).toMatchObject({ alpha: null, notComputable: { code: 'TOO_FEW' } });
    expect(cronbachAlpha([[2, 2], [2, 2]])).toMatchObject({ alpha: null, notComputable: { code: 'NO_VARIATION' } });
    expect(cronbachAlpha([[1, 3], [3, 1]])).toMatchObject({ alpha: null, notComputable: { code: 'INFINITE_STATISTIC' } });
    expect(cronbachAlpha([])).toMatchObject({ alpha: null, respondents: 0, notComputable: { code: 'NO_DATA' } });
  });
  it('identical variances give the same t as the pooled test would', () => {
    const r = welchTTest([1, 2, 3, 4], [2, 3, 4, 5]);
    expect(r.df).toBeCloseTo(6, 12);
    expect(r.meanDifference).toBe(-1);
  });
});

describe('chi-square with small expected counts', () => {
  it('warns when any expected count is below 5, naming the smallest and how many, and pointing to Fisher', () => {
    const r = chiSquareKx2([[6, 0], [7, 1], [6, 0], [7, 3]]);
    expect(r.p).not.toBeNull();
    expect(r.warnings).toHaveLength(1);
    const [w] = r.warnings;
    expect(w).toMatchObject({ code: 'SMALL_EXPECTED_COUNT', cells: 4, totalCells: 8 });
    expect(w.minExpected).toBeCloseTo((6 * 4) / 30, 12);
    expect(w.message).toMatch(/Fisher's exact test is preferable/);
    expect(chiSquareKx2([[30, 70], [45, 55], [60, 40]]).warnings).toEqual([]);
  });
});

describe('the shape of every result (fast-check)', () => {
  const small = fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 5 });
  /** Every figure a finite number or null, df never negative, and a reason exactly when a figure is null. */
  function wellFormed(result: object, figures: string[]) {
    const r = result as Record<string, unknown> & { notComputable: { code: string; message: string } | null };
    for (const f of figures) expect(r[f] === null || Number.isFinite(r[f])).toBe(true);
    if (typeof r.df === 'number') expect(r.df).toBeGreaterThan(0);
    const missing = figures.some((f) => r[f] === null);
    expect(r.notComputable !== null).toBe(missing);
    if (r.notComputable) {
      expect(NOT_COMPUTABLE_CODES).toContain(r.notComputable.code);
      expect(r.notComputable.message.length).toBeGreaterThan(0);
    }
  }

  it('t-tests', () =>
    fc.assert(
      fc.property(small, small, (x, y) => {
        const n = Math.min(x.length, y.length);
        wellFormed(pairedTTest(x.slice(0, n), y.slice(0, n)), ['t', 'df', 'p', 'meanDifference']);
        wellFormed(welchTTest(x, y), ['t', 'df', 'p', 'meanDifference']);
      }),
    ));

  it('chi-square and Fisher', () =>
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 5 }), (rows) => {
        wellFormed(chiSquareKx2(rows), ['statistic', 'df', 'p']);
        if (rows.length >= 2) wellFormed(fisherExact(rows[0][0], rows[0][1], rows[1][0], rows[1][1]), ['oddsRatio', 'p']);
      }),
    ));

  it('alpha and T-scores', () =>
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }), { maxLength: 5 }), small, (answers, means) => {
        wellFormed(cronbachAlpha(answers), ['alpha']);
        const t = tScores(means);
        expect(t.t.every((v) => v === null || Number.isFinite(v))).toBe(true);
        expect(t.notComputable === null).toBe(t.t.length > 0 && t.t.every((v) => v !== null));
      }),
    ));
});

describe('kappa = (observed − expected) / (1 − expected), as reported (fast-check)', () => {
  const grades = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
  const grade = fc.constantFrom(...grades);
  const pairs = fc.array(fc.tuple(grade, grade), { minLength: 1, maxLength: 40 });

  /** scikit-learn's cohen_kappa_score(weights="linear"): 1 − Σ w·O / Σ w·E with w = |i − j| */
  function sklearnLinear(ps: Array<[string, string]>): number {
    const i = (g: string) => grades.indexOf(g);
    const n = ps.length;
    let o = 0;
    let e = 0;
    for (const [a, b] of ps) o += Math.abs(i(a) - i(b));
    for (const [a] of ps) for (const [, b] of ps) e += Math.abs(i(a) - i(b)) / n;
    return 1 - o / e;
  }

  it('weighted kappa: observed and expected agreement both weighted, consistent with kappa', () =>
    fc.assert(
      fc.property(pairs, (ps) => {
        const r = weightedKappa(ps, grades, 'linear');
        const exact = ps.filter(([a, b]) => a === b).length / ps.length;
        expect(r.observed!).toBeGreaterThanOrEqual(exact - 1e-12);
        expect(r.observed!).toBeLessThanOrEqual(1 + 1e-12);
        expect(r.expected!).toBeGreaterThanOrEqual(-1e-12);
        if (r.kappa === null) {
          expect(r).toMatchObject({ expected: 1, notComputable: { code: 'NO_VARIATION' } });
          return;
        }
        expect(r.kappa).toBe((r.observed! - r.expected!) / (1 - r.expected!));
        expect(Math.abs(r.kappa - sklearnLinear(ps))).toBeLessThanOrEqual(1e-9);
      }),
    ));

  it("Cohen's kappa too", () =>
    fc.assert(
      fc.property(pairs, (ps) => {
        const r = cohenKappa(ps);
        if (r.kappa !== null) expect(r.kappa).toBe((r.observed! - r.expected!) / (1 - r.expected!));
      }),
    ));
});

describe('p-values for people', () => {
  it('prints p below 0.001 as "< 0.001", never 0.000, and 3 decimals otherwise', () => {
    expect([0, 1e-12, 0.000499, 0.0009999, 0.001, 0.0123, 0.05, 0.9996, 1].map(formatP)).toEqual(['< 0.001', '< 0.001', '< 0.001', '< 0.001', '0.001', '0.012', '0.050', '1.000', '1.000']);
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => expect(formatP(p)).not.toBe('0.000')));
  });
});
