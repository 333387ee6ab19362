import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, TooManyRequestsError, instantToMillis } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { currentClientAddress } from './access-context';
import { AccessLogService } from './access-log.service';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

const MINUTE = 60_000;
const WINDOW_MS = 15 * MINUTE;
const LOCKOUT_MS = 15 * MINUTE;

/**
 * Failed sign-ins counted per 15-minute window (fixed, from the first attempt) under
 * three keys, each locked for 15 minutes once its limit is passed:
 * - the username from one address: 5. An attacker at one address is stopped after 5
 *   guesses without locking the user out anywhere else;
 * - the username from anywhere: 25 (at most 100 guesses an hour, ASVS V2.2.1), against
 *   guessing from many addresses. Reaching it takes at least 5 addresses, and locks the
 *   account for 15 minutes: the price of a bound on distributed guessing;
 * - the address, whatever the username: 100, against spraying one password over many
 *   accounts (an office behind one address still has room for mistyped passwords).
 */
const LIMITS = { pair: 5, user: 25, address: 100 } as const;
type KeyKind = keyof typeof LIMITS;

/** Sign-ins of one address being checked at once, in this process: more get 429 without waiting for a hash slot. */
const CONCURRENT_PER_ADDRESS = 4;

export interface SignInAttempt {
  keys: Array<{ key: string; kind: KeyKind }>;
  /** the in-process slot of the address, given back by `release` */
  release(): void;
}

/**
 * The sign-in throttle. Counters live in the database (table sign_in_throttle), shared by
 * every server process of one database, and change only by atomic upserts. An attempt is
 * counted before its password is hashed, so parallel guesses cannot all slip in before
 * the first failure is written; an attempt that succeeds is taken back, and one that is
 * refused is never counted (so hammering a locked pair does not push the username's
 * count towards a lockout everywhere). Unknown usernames are counted like real ones.
 */
@Injectable()
export class SignInThrottle {
  private readonly inFlight = new Map<string, number>();
  private lastPrune = 0;

  constructor(
    private readonly repository: SignInThrottleRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
  ) {}

  /** Admits an attempt for `username` from the request's address, or throws 429 with Retry-After without counting it. */
  async admit(username: string, userId: string | null): Promise<SignInAttempt> {
    const address = currentClientAddress();
    const release = this.enter(address ?? 'unknown');
    try {
      const keys = throttleKeys(username, address);
      // decided and written in one unit of work; thrown after it commits, so the lock and the log entry stay
      const refusedFor = await this.tx.write(async (em) => {
        const now = instantToMillis(this.clock.now());
        await this.pruneNow(em, now);
        const counts = [];
        for (const k of keys) counts.push({ ...k, ...(await this.repository.count(em, k.key, now, now - WINDOW_MS)) });
        const locked = counts.filter((c) => c.lockedUntil !== null && c.lockedUntil > now);
        const over = counts.filter((c) => c.attempts > LIMITS[c.kind] && !locked.includes(c));
        if (!locked.length && !over.length) return null;
        for (const c of over) {
          await this.repository.lock(em, c.key, now + LOCKOUT_MS);
          await this.accessLog.append(em, {
            event: 'sign-in.lockout',
            userId: c.kind === 'address' ? null : userId,
            outcome: 'refused',
            detail: `${describe(c.kind, username, address)} locked for ${LOCKOUT_MS / MINUTE} minutes after ${LIMITS[c.kind]} failed sign-ins`,
          });
        }
        for (const k of keys) await this.repository.uncount(em, k.key);
        const until = Math.max(...locked.map((c) => c.lockedUntil!), ...(over.length ? [now + LOCKOUT_MS] : []));
        return (until - now) / 1000;
      });
      if (refusedFor !== null) throw tooMany(refusedFor);
      return { keys, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * The attempt's password (and second factor, if asked for) was right: it is not a
   * failure. A completed sign-in also starts its (username, address) count afresh; a
   * sign-in still waiting for its second factor does not, so guesses at the code keep
   * counting.
   */
  async succeeded(attempt: SignInAttempt, completed: boolean): Promise<void> {
    await this.tx.write(async (em) => {
      for (const k of attempt.keys) {
        if (completed && k.kind === 'pair') await this.repository.forget(em, k.key);
        else await this.repository.uncount(em, k.key);
      }
    });
  }

  private enter(address: string): () => void {
    const n = this.inFlight.get(address) ?? 0;
    if (n >= CONCURRENT_PER_ADDRESS) throw tooMany(1);
    this.inFlight.set(address, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(address) ?? 1) - 1;
      if (left > 0) this.inFlight.set(address, left);
      else this.inFlight.delete(address);
    };
  }

  private async pruneNow(em: EntityManager, now: number) {
    if (now - this.lastPrune < MINUTE && now >= this.lastPrune) return;
    this.lastPrune = now;
    await this.repository.prune(em, now - WINDOW_MS, now);
  }
}

function tooMany(seconds: number) {
  return new TooManyRequestsError('too many sign-in attempts: wait before trying again', seconds, { code: 'SIGN_IN_THROTTLED' });
}

/** Keys in one fixed order, so concurrent units of work on PostgreSQL always lock rows in the same order. */
function throttleKeys(username: string, address: string | null): Array<{ key: string; kind: KeyKind }> {
  const user = username.normalize('NFC').toLowerCase().slice(0, 64);
  const from = (address ?? 'unknown').slice(0, 64);
  const keys: Array<{ key: string; kind: KeyKind }> = [
    { key: `address:${from}`, kind: 'address' },
    { key: `user:${user}`, kind: 'user' },
    { key: `user+address:${user} ${from}`, kind: 'pair' },
  ];
  return keys.sort((a, b) => (a.key < b.key ? -1 : 1));
}

function describe(kind: KeyKind, username: string, address: string | null) {
  const user = JSON.stringify(username.slice(0, 64));
  return kind === 'pair' ? `sign-in of ${user} from ${address}` : kind === 'user' ? `sign-in of ${user}` : `sign-in from ${address}`;
}
