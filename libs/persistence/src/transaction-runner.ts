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

  constructor(private readonly dataSource: DataSource) {
    this.serialised = dialectOf(dataSource) === 'sqlite';
  }

  get dialect() {
    return dialectOf(this.dataSource);
  }

  /** A write: all or nothing. */
  write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() => this.dataSource.transaction((em) => work(em)));
  }

  /** A read that sees only committed states. */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() => work(this.dataSource.manager));
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialised) return work();
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
