import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Z_95, chiSquareKx2, cohenKappa, cronbachAlpha, fisherExact, mcnemarExact, pairedTTest, proportionDifference, tScores, weightedKappa, welchTTest } from './index';

/**
 * Reference values from ../reference/values.json, written by ../reference/compute.py
 * with SciPy 1.17.1 and NumPy 2.4.6 (see the script for which function gave which value).
 */
const ref = JSON.parse(readFileSync(join(__dirname, '..', 'reference', 'values.json'), 'utf8'));

/** p-values to 1e-9 relative or 1e-12 absolute (the tolerance); other figures to 1e-12 relative */
function closeP(ours: number, theirs: number) {
  expect(Math.abs(ours - theirs) <= Math.max(1e-12, 1e-9 * Math.abs(theirs))).toBe(true);
}
function close(ours: number, theirs: number) {
  expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(theirs)));
}

describe('statistics against SciPy', () => {
  it('uses the same z as SciPy for 95 %', () => expect(Z_95).toBe(ref.z95));

  it("Fisher's exact test, two-sided", () => {
    for (const f of ref.fisher as Array<{ table: number[][]; statistic: number | null; p: number }>) {
      const [[a, b], [c, d]] = f.table;
      const r = fisherExact(a, b, c, d);
      closeP(r.p, f.p);
      if (f.statistic !== null) close(r.oddsRatio, f.statistic);
    }
  });

  it('Pearson chi-square on k×2 tables', () => {
    for (const c of ref.chi2 as Array<{ table: Array<[number, number]>; statistic: number; df: number; p: number }>) {
      const r = chiSquareKx2(c.table);
      close(r.statistic, c.statistic);
      expect(r.df).toBe(c.df);
      closeP(r.p, c.p);
    }
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

  it("McNemar's exact test", () => {
    for (const m of ref.mcnemar as Array<{ b: number; c: number; p: number }>) closeP(mcnemarExact(m.b, m.c).p, m.p);
  });

  it("Cohen's kappa with null as a category, and weighted kappa on ordered grades", () => {
    const toRating = (v: string) => (v === 'n' ? null : v === 't');
    const k = cohenKappa(ref.kappa.pairs.map(([a, b]: [string, string]) => [toRating(a), toRating(b)]));
    close(k.kappa!, ref.kappa.kappa);
    close(k.observed!, ref.kappa.observed);
    const grades = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
    close(weightedKappa(ref.weighted_kappa.pairs, grades, 'linear').kappa!, ref.weighted_kappa.linear);
    close(weightedKappa(ref.weighted_kappa.pairs, grades, 'quadratic').kappa!, ref.weighted_kappa.quadratic);
  });

  it("Cronbach's alpha, T-scores and Newcombe's interval for a difference", () => {
    close(cronbachAlpha(ref.cronbach.items)!, ref.cronbach.alpha);
    tScores(ref.tscores.values).forEach((t, i) => close(t!, ref.tscores.t[i]));
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
    expect(fisherExact(0, 0, 0, 0).p).toBe(1);
    expect(chiSquareKx2([[5, 0], [3, 0]])).toMatchObject({ p: 1 });
    expect(chiSquareKx2([[5, 1], [0, 0]])).toMatchObject({ df: 0, p: 1 });
    expect(cohenKappa([[true, true], [true, true]])).toMatchObject({ observed: 1, kappa: null });
    expect(cohenKappa([])).toMatchObject({ n: 0, kappa: null });
    expect(proportionDifference(1, 0, 1, 2)).toBeNull();
    expect(mcnemarExact(0, 0).p).toBe(1);
  });
  it('n = 1 and no variation', () => {
    expect(pairedTTest([1], [2]).p).toBeNaN();
    expect(welchTTest([1], [2, 3]).p).toBeNaN();
    expect(tScores([4])).toEqual([null]);
    expect(tScores([3, 3, 3])).toEqual([null, null, null]);
    expect(cronbachAlpha([[1, 2]])).toBeNull();
    expect(cronbachAlpha([[2, 2], [2, 2]])).toBeNull();
    expect(pairedTTest([1, 2, 3], [1, 2, 3]).p).toBeNaN();
  });
  it('identical variances give the same t as the pooled test would', () => {
    const r = welchTTest([1, 2, 3, 4], [2, 3, 4, 5]);
    expect(r.df).toBeCloseTo(6, 12);
    expect(r.meanDifference).toBe(-1);
  });
});
