import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  // reference: statsmodels.stats.proportion.proportion_confint(count, nobs, method='wilson'),
  // the same figures as test/fixtures/edge-cases.fidelity.json
  it.each([
    [10, 19, 0.3170780924511316, 0.7267019483882042],
    [5, 19, 0.11806412346782508, 0.487915508978151],
    [4, 17, 0.09555044322080117, 0.4726179811956498],
  ])('%i of %i', (met, n, lo, hi) => {
    const [a, b] = wilsonInterval(met, n)!;
    expect(a).toBeCloseTo(lo, 12);
    expect(b).toBeCloseTo(hi, 12);
  });
  it('is null for no trials and stays inside [0, 1] at the extremes', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(0, 5)![0]).toBe(0);
    expect(wilsonInterval(5, 5)![1]).toBe(1);
    // 1 of 1: the lower bound is 1 / (1 + z²); reference computed in Python from the closed form
    expect(wilsonInterval(1, 1)![0]).toBeCloseTo(0.20654931437723745, 14);
  });
});
