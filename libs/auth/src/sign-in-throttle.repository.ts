import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SignInThrottleEntity, dialectOf } from '@mapwork/persistence';

export interface ThrottleCount {
  attempts: number;
  /** epoch milliseconds, or null */
  lockedUntil: number | null;
}

/** `?` placeholders as the dialect wants them (PostgreSQL numbers them). */
function sql(em: EntityManager, text: string): string {
  if (dialectOf(em.connection) !== 'postgres') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** The sign-in throttle's counters: every change is one atomic statement, so processes sharing a database never lose a count. */
@Injectable()
export class SignInThrottleRepository {
  /** Counts one attempt under `key`, starting a new window if the current one began at or before `windowExpired`. */
  async count(em: EntityManager, key: string, now: number, windowExpired: number): Promise<ThrottleCount> {
    const rows: Array<{ attempts: number | string; locked_until: number | string | null }> = await em.query(
      sql(
        em,
        `INSERT INTO sign_in_throttle (throttle_key, window_started_at, attempts, locked_until) VALUES (?, ?, 1, NULL)
         ON CONFLICT (throttle_key) DO UPDATE SET
           attempts = CASE WHEN sign_in_throttle.window_started_at <= ? THEN 1 ELSE sign_in_throttle.attempts + 1 END,
           window_started_at = CASE WHEN sign_in_throttle.window_started_at <= ? THEN ? ELSE sign_in_throttle.window_started_at END
         RETURNING attempts, locked_until`,
      ),
      [key, now, windowExpired, windowExpired, now],
    );
    const row = rows[0];
    return { attempts: Number(row.attempts), lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
  }

  /** Takes back one counted attempt (one that was refused, or that turned out not to be a failure). */
  async uncount(em: EntityManager, key: string): Promise<void> {
    await em.createQueryBuilder().update(SignInThrottleEntity).set({ attempts: () => 'attempts - 1' }).where('throttle_key = :key AND attempts > 0', { key }).execute();
  }

  async lock(em: EntityManager, key: string, until: number): Promise<void> {
    await em.createQueryBuilder().update(SignInThrottleEntity).set({ lockedUntil: String(until) }).where('throttle_key = :key', { key }).execute();
  }

  async forget(em: EntityManager, key: string): Promise<void> {
    await em.getRepository(SignInThrottleEntity).delete({ key });
  }

  /** Drops counters whose window and lock are both over. */
  async prune(em: EntityManager, windowExpired: number, now: number): Promise<void> {
    await em
      .createQueryBuilder()
      .delete()
      .from(SignInThrottleEntity)
      .where('window_started_at <= :windowExpired AND (locked_until IS NULL OR locked_until <= :now)', { windowExpired, now })
      .execute();
  }
}
