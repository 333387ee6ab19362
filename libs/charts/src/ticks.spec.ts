import fc from 'fast-check';
import { numberAxis, positionOn, rateAxis } from './axis';
import { niceTicks } from './ticks';

describe('niceTicks', () => {
  it.each([
    [0, 17, 6, [0, 5, 10, 15, 20]],
    [0, 1, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 10, 6, [0, 2, 4, 6, 8, 10]],
    [1, 5, 6, [1, 2, 3, 4, 5]],
    [38.2, 61.5, 6, [30, 40, 50, 60, 70]],
    [-0.72, 0.4, 6, [-0.75, -0.5, -0.25, 0, 0.25, 0.5]],
    [0, 291, 6, [0, 100, 200, 300]],
    [0, 0, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 0.03, 4, [0, 0.01, 0.02, 0.03]],
    [5, 5, 6, [2, 4, 6, 8]],
    [5e-324, 5e-324, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])('%p to %p in at most %p ticks', (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });

  it('rejects what has no ticks', () => {
    expect(() => niceTicks(0, Infinity)).toThrow(RangeError);
    expect(() => niceTicks(0, 1, 2)).toThrow(RangeError);
  });

  it('covers the range with at most maxTicks evenly spaced round values', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0), fc.constant(5e-324)), fc.integer({ min: 3, max: 12 }), (a, b, count) => {
        const ticks = niceTicks(a, b, count);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(count);
        const slack = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
        expect(ticks[0]).toBeLessThanOrEqual(Math.min(a, b) + slack);
        expect(ticks.at(-1)!).toBeGreaterThanOrEqual(Math.max(a, b) - slack);
        const step = ticks[1] - ticks[0];
        ticks.slice(1).forEach((t, i) => expect(t - ticks[i]).toBeCloseTo(step, 6));
        // a step of 1, 2, 2.5 or 5 times a power of ten
        const mantissa = step / 10 ** Math.floor(Math.log10(step));
        expect([1, 2, 2.5, 5].some((m) => Math.abs(m - mantissa) < 1e-6)).toBe(true);
      }),
    );
  });
});

describe('axes', () => {
  it('rates run 0–100 % in quarters', () => {
    const a = rateAxis();
    expect(a.ticks.map(a.format)).toEqual(['0\u00a0%', '25\u00a0%', '50\u00a0%', '75\u00a0%', '100\u00a0%']);
    expect(a.formatDifference!(-0.125)).toBe('\u221213\u00a0pp');
  });

  it('a number axis rounds out to nice ticks, or keeps fixed ends, and includes zero for bars', () => {
    expect(numberAxis([3, 17])).toMatchObject({ min: 0, max: 20, ticks: [0, 5, 10, 15, 20] });
    expect(numberAxis([3, 17], { min: 1, max: 19 }).ticks).toEqual([5, 10, 15]);
    expect(numberAxis([4, 9], { includeZero: true }).min).toBe(0);
    expect(numberAxis([1.2, 1.9]).ticks.map(numberAxis([1.2, 1.9]).format)).toEqual(['1.2', '1.4', '1.6', '1.8', '2.0']);
    expect(numberAxis([0, 10], { maxTicks: 5 }).ticks).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(numberAxis([0, 10], { maxTicks: 5 }).format(5)).toBe('5.0');
    expect(() => numberAxis([], { min: 3, max: 3 })).toThrow(RangeError);
  });

  it('positions values proportionally and holds those outside at the ends', () => {
    const x = positionOn(rateAxis(), 10, 110);
    expect([x(0), x(0.25), x(1), x(-0.5), x(1.5)]).toEqual([10, 35, 110, 10, 110]);
  });
});
