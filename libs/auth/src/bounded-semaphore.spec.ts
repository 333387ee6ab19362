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

  it('never gives one key every permit: work of another key starts at the next free permit, ahead of the first key’s queue', async () => {
    const s = new BoundedSemaphore(2, 10);
    const gates = Array.from({ length: 4 }, () => deferred());
    const started: string[] = [];
    const flood = gates.map((g, i) => s.run(async () => { started.push(`flood ${i}`); await g.promise; }, 'attacker'));
    await Promise.resolve();
    // one permit is left free for other keys
    expect(started).toEqual(['flood 0']);
    expect([s.running, s.queued]).toEqual([1, 3]);
    const user = s.run(async () => { started.push('user'); }, 'user');
    await user;
    expect(started).toEqual(['flood 0', 'user']);
    for (const g of gates) g.resolve();
    await Promise.all(flood);
    expect(started).toEqual(['flood 0', 'user', 'flood 1', 'flood 2', 'flood 3']);
    expect([s.running, s.queued]).toEqual([0, 0]);
  });

  it('gives the permit back when the work fails', async () => {
    const s = new BoundedSemaphore(1, 0);
    await expect(s.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(s.run(async () => 'after')).resolves.toBe('after');
  });

  it('never runs more than its permits, nor more than permits − 1 of one key, and runs everything, whatever the timings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ delay: fc.integer({ min: 0, max: 3 }), key: fc.constantFrom(undefined, 'a', 'b') }), { minLength: 1, maxLength: 30 }),
        async (permits, jobs) => {
          const s = new BoundedSemaphore(permits, 1000);
          let now = 0;
          let peak = 0;
          const byKey = new Map<string, number>();
          let peakOfKey = 0;
          await Promise.all(
            jobs.map(({ delay, key }) =>
              s.run(async () => {
                peak = Math.max(peak, ++now);
                if (key) byKey.set(key, (byKey.get(key) ?? 0) + 1);
                peakOfKey = Math.max(peakOfKey, key ? byKey.get(key)! : 0);
                for (let i = 0; i < delay; i++) await new Promise((r) => setImmediate(r));
                if (key) byKey.set(key, byKey.get(key)! - 1);
                now--;
              }, key),
            ),
          );
          expect(peak).toBeLessThanOrEqual(permits);
          expect(peakOfKey).toBeLessThanOrEqual(Math.max(1, permits - 1));
          expect([s.running, s.queued]).toEqual([0, 0]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
