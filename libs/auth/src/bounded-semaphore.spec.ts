import fc from 'fast-check';
import { BoundedSemaphore, QueueFullError } from './bounded-semaphore';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('BoundedSemaphore', () => {
  it('runs at most `permits` at once, the rest in arrival order, and refuses beyond the queue', async () => {
    const s = new BoundedSemaphore(2, 2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) => s.run(async () => { started.push(i); await g.promise; return i; }));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([s.running, s.queued]).toEqual([2, 2]);
    await expect(s.run(async () => 'too many')).rejects.toBeInstanceOf(QueueFullError);
    gates[1].resolve();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
    expect([s.running, s.queued]).toEqual([0, 0]);
  });

  it('gives the permit back when the work fails', async () => {
    const s = new BoundedSemaphore(1, 0);
    await expect(s.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(s.run(async () => 'after')).resolves.toBe('after');
  });

  it('never runs more than its permits, whatever the timings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 30 }), async (permits, delays) => {
        const s = new BoundedSemaphore(permits, 1000);
        let now = 0;
        let peak = 0;
        await Promise.all(
          delays.map((d) =>
            s.run(async () => {
              peak = Math.max(peak, ++now);
              for (let i = 0; i < d; i++) await new Promise((r) => setImmediate(r));
              now--;
            }),
          ),
        );
        expect(peak).toBeLessThanOrEqual(permits);
        expect(s.running).toBe(0);
      }),
      { numRuns: 50 },
    );
  });
});
