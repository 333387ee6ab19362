import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './dialect';

/**
 * Runs units of work against the database. On PostgreSQL each write is a transaction
 * on its own pooled connection. SQLite through TypeORM has exactly one connection,
 * so overlapping transactions would interleave on it; there every unit of work, read
 * or write, takes its turn in one queue, and a read never sees half a write.
 */
@Injectable()
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialised: boolean;
  private readonly settled = new WeakMap<EntityManager, Array<(committed: boolean) => void>>();

  constructor(private readonly dataSource: DataSource) {
    this.serialised = dialectOf(dataSource) === 'sqlite';
  }

  get dialect() {
    return dialectOf(this.dataSource);
  }

  /** A write: all or nothing. */
  write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      let manager: EntityManager | undefined;
      try {
        const result = await this.dataSource.transaction((em) => {
          manager = em;
          this.settled.set(em, []);
          return work(em);
        });
        this.settle(manager, true);
        return result;
      } catch (e) {
        this.settle(manager, false);
        throw e;
      }
    });
  }

  /** A read that sees only committed states. */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() => work(this.dataSource.manager));
  }

  /**
   * Calls `callback(committed)` once the write that `em` belongs to has committed or
   * rolled back. Returns false, calling nothing, when `em` is not a write's: its
   * statements commit one by one.
   */
  whenSettled(em: EntityManager, callback: (committed: boolean) => void): boolean {
    const callbacks = this.settled.get(em);
    if (!callbacks) return false;
    callbacks.push(callback);
    return true;
  }

  private settle(em: EntityManager | undefined, committed: boolean) {
    if (!em) return;
    const callbacks = this.settled.get(em) ?? [];
    this.settled.delete(em);
    for (const callback of callbacks) callback(committed);
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialised) return work();
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
