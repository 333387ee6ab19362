/** Thrown by BoundedSemaphore.run when every permit is taken and the queue is full: the work was not run. */
export class QueueFullError extends Error {
  constructor() {
    super('the queue is full');
  }
}

/**
 * At most `permits` pieces of work at once; the rest wait in arrival order, at most
 * `maxWaiting` of them. Beyond that, work is refused at once rather than left to wait.
 */
export class BoundedSemaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly permits: number,
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError('a semaphore needs at least one permit');
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.permits) this.active++;
    else if (this.waiting.length >= this.maxWaiting) throw new QueueFullError();
    // the permit is handed over by release(), so `active` already counts this work
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
