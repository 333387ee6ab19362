/**
 * Evenly spaced "nice" tick values (steps of 1, 2, 2.5 or 5 times a power of ten) that
 * cover [min, max], as few steps as give at most `maxTicks` ticks.
 */
export function niceTicks(min: number, max: number, maxTicks = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError('tick range must be finite');
  if (!Number.isInteger(maxTicks) || maxTicks < 3) throw new RangeError('maxTicks is a whole number, at least 3');
  if (min > max) [min, max] = [max, min];
  // a range too narrow to divide (one value, or float noise apart): a unit around zero, or half the value either side
  const mid = (min + max) / 2;
  if (max - min < 1e-9 * Math.max(1, Math.abs(mid))) {
    [min, max] = Math.abs(mid) < 1e-9 ? [Math.min(0, min), Math.max(1, max)] : [mid - Math.abs(mid) / 2, mid + Math.abs(mid) / 2];
  }
  let power = 10 ** Math.floor(Math.log10((max - min) / (maxTicks - 1)));
  for (;;) {
    for (const multiple of [1, 2, 2.5, 5]) {
      const step = multiple * power;
      const first = Math.floor(min / step + 1e-9);
      const last = Math.ceil(max / step - 1e-9);
      if (last - first + 1 <= maxTicks) {
        const decimals = Math.max(0, 1 - Math.floor(Math.log10(step)));
        const ticks: number[] = [];
        for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)) || 0);
        return ticks;
      }
    }
    power *= 10;
  }
}
