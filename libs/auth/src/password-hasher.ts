import { availableParallelism } from 'node:os';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PRODUCTION_SCRYPT_LOG_N, UnavailableError } from '@mapwork/kernel';
import { BoundedSemaphore, QueueFullError } from './bounded-semaphore';
import { hashPassword, needsRehash, unknownUserHash, verifyPassword } from './password';

/** Hashes waiting for a free slot before more are refused with 503. */
const MAX_WAITING = 32;

/**
 * Every password hash of the server. scrypt runs on libuv's thread pool (shared with file
 * and DNS work, 4 threads unless UV_THREADPOOL_SIZE says otherwise); at most one hash per
 * core (and never more than the pool has threads) runs at once, so hashing never takes
 * every thread nor more memory than cores × 128 MiB, and one client address never runs
 * on every slot at once, so a flood from one address leaves a slot for everyone else.
 * Further hashes wait in arrival order; beyond MAX_WAITING they are refused at once
 * (503 with Retry-After).
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly logger = new Logger('Passwords');
  readonly logN: number;
  private readonly slots: BoundedSemaphore;
  /** hashes computed since start: the figures tests and the bench read */
  private computed = 0;

  constructor(config: ConfigService) {
    this.logN = config.get<number>('SCRYPT_LOG_N') ?? PRODUCTION_SCRYPT_LOG_N;
    const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
    this.slots = new BoundedSemaphore(Math.max(1, Math.min(availableParallelism(), threads)), MAX_WAITING);
  }

  onModuleInit() {
    if (this.logN < PRODUCTION_SCRYPT_LOG_N) {
      this.logger.warn(
        `PASSWORDS ARE HASHED BELOW PRODUCTION COST: scrypt N = 2^${this.logN} instead of 2^${PRODUCTION_SCRYPT_LOG_N} (SCRYPT_LOG_N, allowed only with NODE_ENV=test)`,
      );
    }
  }

  get stats() {
    return { computed: this.computed, running: this.slots.running, queued: this.slots.queued, slots: this.slots.permits };
  }

  /** `client`: the address the password came from, if it came from a client (see the class). */
  hash(password: string, client?: string | null): Promise<string> {
    return this.inSlot(() => hashPassword(password, this.logN), client);
  }

  /** Checks a password against a stored hash (or, for a user who does not exist, against a dummy one of the same cost). */
  verify(password: string, stored: string | null, client?: string | null): Promise<boolean> {
    return this.inSlot(() => verifyPassword(password, stored ?? unknownUserHash(this.logN)), client);
  }

  needsRehash(stored: string): boolean {
    return needsRehash(stored, this.logN);
  }

  private async inSlot<T>(work: () => Promise<T>, client: string | null | undefined): Promise<T> {
    try {
      return await this.slots.run(() => {
        this.computed++;
        return work();
      }, client ?? undefined);
    } catch (error) {
      if (error instanceof QueueFullError) throw new UnavailableError('too many sign-ins are being checked at once: try again in a moment', 2, { code: 'SIGN_IN_BUSY' });
      throw error;
    }
  }
}
