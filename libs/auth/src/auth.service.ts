import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, UnauthenticatedError, instantToMillis, millisToInstant } from '@mapwork/kernel';
import { AuthTokenEntity, CredentialKind, TransactionRunner, UserEntity } from '@mapwork/persistence';
import { AccessLogService } from './access-log.service';
import { AuthUser } from './auth-user';
import { UNKNOWN_USER_HASH, verifyPassword } from './password';
import { UsersRepository } from './users.repository';

export interface IssuedToken {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: { id: string; username: string; displayName: string; role: string; teamIds: string[] };
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A credential's last use is written at most this often, so a busy session does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

const PREFIX: Record<CredentialKind, string> = { bearer: 'mw_', session: 'mws_' };

/**
 * Sign-in, sign-out and turning a credential into the signed-in user. Two kinds of
 * credential, one mechanism: API bearer tokens and browser sessions (the value of the
 * session cookie) are random secrets stored as their SHA-256, and each ends at its
 * absolute expiry or after IDLE_TIMEOUT_MINUTES without use, whichever comes first.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly accessLog: AccessLogService,
  ) {}

  /** Checks the password and issues a new credential of the kind asked for (a new session id at every sign-in). */
  async signIn(username: string, password: string, kind: CredentialKind = 'bearer'): Promise<IssuedToken> {
    const user = await this.tx.read((em) => this.users.userByUsername(em, username));
    const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !ok || user.disabled) {
      const why = !user ? 'unknown username' : !ok ? 'wrong password' : 'account disabled';
      await this.accessLog.append(null, { event: 'sign-in.failure', userId: user?.id ?? null, outcome: 'failed', detail: `${why}: ${username.slice(0, 64)}` });
      throw new UnauthenticatedError('the username or password is wrong, or the account is disabled');
    }
    const token = `${PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const ttlMinutes = kind === 'session' ? this.minutes('SESSION_TTL_MINUTES', 720) : this.minutes('TOKEN_TTL_MINUTES', 480);
    const expiresAt = millisToInstant(instantToMillis(now) + ttlMinutes * 60_000);
    const teamIds = await this.tx.write(async (em) => {
      await this.users.insertToken(em, { id: randomUUID(), userId: user.id, tokenHash: digest(token), issuedAt: now, expiresAt, revokedAt: null, kind, lastUsedAt: now });
      await this.accessLog.append(em, { event: 'sign-in.success', userId: user.id });
      return this.users.teamIdsOf(em, user.id);
    });
    return { token, tokenType: 'Bearer', expiresAt, user: publicUser(user, teamIds) };
  }

  async signOut(user: AuthUser): Promise<void> {
    await this.tx.write(async (em) => {
      await this.users.revokeToken(em, user.tokenId, this.clock.now());
      await this.accessLog.append(em, { event: 'sign-out', userId: user.id });
    });
  }

  /** Ends a credential by its value, live or not (a browser's session at sign-out, or the one it had before signing in again). */
  async revoke(token: string): Promise<void> {
    await this.tx.write(async (em) => {
      const row = await this.users.tokenByHash(em, digest(token));
      if (!row || row.revokedAt) return;
      const now = this.clock.now();
      await this.users.revokeToken(em, row.id, now);
      if (this.isLive(row, now)) await this.accessLog.append(em, { event: 'sign-out', userId: row.userId });
    });
  }

  /** The user a live credential of this kind belongs to; its use extends its idle timeout. */
  async authenticate(token: string, kind: CredentialKind = 'bearer'): Promise<AuthUser> {
    const now = this.clock.now();
    const { user, row } = await this.tx.read(async (em) => {
      const row = await this.users.tokenByHash(em, digest(token));
      if (!row || row.kind !== kind || !this.isLive(row, now)) {
        throw new UnauthenticatedError(
          kind === 'session' ? 'the session has ended: sign in again' : 'the token is unknown, expired, unused for too long or signed out: sign in again',
        );
      }
      const user = await this.users.userById(em, row.userId);
      if (!user || user.disabled) throw new UnauthenticatedError('the account is disabled');
      const teamIds = await this.users.teamIdsOf(em, user.id);
      return { row, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds, tokenId: row.id } };
    });
    if (instantToMillis(now) - instantToMillis(row.lastUsedAt ?? row.issuedAt) >= TOUCH_INTERVAL_MS) {
      await this.tx.write((em) => this.users.touchToken(em, row.id, now));
    }
    return user;
  }

  /**
   * Whose session this was, live or not (null for an unknown value): a form posted after
   * its session ended is kept for the same user only.
   */
  async sessionOwner(token: string): Promise<string | null> {
    const row = await this.tx.read((em) => this.users.tokenByHash(em, digest(token)));
    return row?.kind === 'session' ? row.userId : null;
  }

  private isLive(row: AuthTokenEntity, now: string): boolean {
    const idleUntil = instantToMillis(row.lastUsedAt ?? row.issuedAt) + this.minutes('IDLE_TIMEOUT_MINUTES', 30) * 60_000;
    return !row.revokedAt && row.expiresAt > now && instantToMillis(now) < idleUntil;
  }

  private minutes(setting: string, fallback: number): number {
    return this.config.get<number>(setting) ?? fallback;
  }
}

export function publicUser(user: UserEntity, teamIds: string[]) {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds, disabled: user.disabled };
}
