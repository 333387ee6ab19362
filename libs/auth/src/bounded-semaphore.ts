/** Thrown by BoundedSemaphore.run when the work cannot start and the queue is full: the work was not run. */
export class QueueFullError extends Error {
  constructor() {
    super('the queue is full');
  }
}

interface Waiter {
  key: string | undefined;
  start: () => void;
}

/**
 * At most `permits` pieces of work at once, and at most `permits - 1` (at least one) of
 * one key (a client's address), so one client can never take every permit: the others'
 * work starts as soon as any permit is free. The rest wait in arrival order, at most
 * `maxWaiting` of them; beyond that, work is refused at once rather than left to wait.
 * Work without a key is bounded by `permits` only.
 */
export class BoundedSemaphore {
  private active = 0;
  private readonly perKey: number;
  private readonly runningByKey = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly permits: number,
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError('a semaphore needs at least one permit');
    this.perKey = Math.max(1, permits - 1);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>, key?: string): Promise<T> {
    if (this.canStart(key)) this.start(key);
    else if (this.waiting.length >= this.maxWaiting) throw new QueueFullError();
    // started by release(), which counts it as running before it resumes
    else await new Promise<void>((start) => this.waiting.push({ key, start }));
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  private canStart(key: string | undefined): boolean {
    return this.active < this.permits && (key === undefined || (this.runningByKey.get(key) ?? 0) < this.perKey);
  }

  private start(key: string | undefined) {
    this.active++;
    if (key !== undefined) this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
  }

  private release(key: string | undefined): void {
    this.active--;
    if (key !== undefined) {
      const left = (this.runningByKey.get(key) ?? 1) - 1;
      if (left > 0) this.runningByKey.set(key, left);
      else this.runningByKey.delete(key);
    }
    // the first waiters, in arrival order, that may start now
    for (let i = 0; i < this.waiting.length && this.active < this.permits; ) {
      const w = this.waiting[i];
      if (!this.canStart(w.key)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.start(w.key);
      w.start();
    }
  }
}
