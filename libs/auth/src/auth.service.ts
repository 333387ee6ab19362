import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { Clock, InvalidInputError, UnauthenticatedError, UnavailableError, instantToMillis, millisToInstant } from '@mapwork/kernel';
import { AuthTokenEntity, CredentialKind, TokenScope, TransactionRunner, UserEntity } from '@mapwork/persistence';
import { currentClientAddress } from './access-context';
import { AccessEventKind } from './access-log-entry';
import { AccessLogService } from './access-log.service';
import { AuthUser } from './auth-user';
import { NotificationsService } from './notifications.service';
import { PasswordHasher } from './password-hasher';
import { passwordProblems } from './password-policy';
import { SignInThrottle } from './sign-in-throttle';
import { SecondFactor, SecondFactorMethod, TotpService } from './totp.service';
import { UsersRepository } from './users.repository';

/** A user as they and admins see them. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  teamIds: string[];
  disabled: boolean;
}

/** Signed in: a bearer token for every route the user's role allows. */
export interface SignedIn {
  outcome: 'signed-in';
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: PublicUser;
}

/** The password was right; a code from the user's app (or a recovery code) must follow, with this challenge. */
export interface SecondFactorRequired {
  outcome: 'second-factor-required';
  /** single use, for POST /api/v1/auth/sign-in/second-factor (AuthService.completeSecondFactor) */
  challenge: string;
  expiresAt: string;
  methods: SecondFactorMethod[];
}

/**
 * Signed in only far enough to finish signing in: the challenge is a bearer token that
 * opens only the routes of `next` (and GET /auth/me, POST /auth/sign-out), until it is
 * replaced by the outcome those routes answer with.
 */
export interface RestrictedSignIn {
  outcome: 'password-change-required' | 'enrolment-required';
  challenge: string;
  tokenType: 'Bearer';
  expiresAt: string;
  next: string[];
  user: PublicUser;
}

export type SignInOutcome = SignedIn | SecondFactorRequired | RestrictedSignIn;

/** A sign-in as an interface passes it on (where it came from is the request's access context). */
export interface SignInRequest extends SecondFactor {
  username: string;
  password: string;
  /** what to issue: an API bearer token (default) or a browser session, the value of its cookie */
  kind?: CredentialKind;
}

/** The second step of a sign-in: the challenge of `second-factor-required` and a code. */
export interface SecondFactorAnswer extends SecondFactor {
  challenge: string;
  kind?: CredentialKind;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** How long a second-factor challenge or a restricted token lasts. */
const CHALLENGE_MINUTES = 10;
/** A credential's last use is written at most this often, so a busy session does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;
const PREFIX: Record<CredentialKind, string> = { bearer: 'mw_', session: 'mws_' };
/** Wrong codes one challenge takes before the sign-in must start again. */
const CHALLENGE_ATTEMPTS = 5;

const NEXT: Record<RestrictedSignIn['outcome'], string[]> = {
  'password-change-required': ['POST /api/v1/auth/password'],
  'enrolment-required': ['POST /api/v1/auth/totp/enrolment', 'POST /api/v1/auth/totp/enrolment/confirm'],
};
const OUTCOME_OF_SCOPE: Record<Exclude<TokenScope, 'full'>, RestrictedSignIn['outcome']> = {
  'password-change': 'password-change-required',
  enrolment: 'enrolment-required',
};

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

const WRONG_CREDENTIALS = 'the username, password or one-time code is wrong, or the account is disabled';

/**
 * Sign-in, sign-out and turning a credential into the signed-in user. Two kinds of
 * credential, one mechanism: API bearer tokens and browser sessions (the value of the
 * session cookie) are random secrets stored as their SHA-256, carry the same scopes, and
 * each ends at its absolute expiry or after IDLE_TIMEOUT_MINUTES without use, whichever
 * comes first.
 *
 * The sign-in contract, for every interface (API, web pages):
 *
 * `signIn({ username, password, totp?, recoveryCode? })` checks the
 * password (throttled per user and address, hashed in a bounded pool) and answers one of
 * - `signed-in`: a token for everything the role allows;
 * - `second-factor-required`: the user has a one-time-password app; send the code with
 *   `completeSecondFactor({ challenge, totp | recoveryCode })` (or send
 *   `totp`/`recoveryCode` with the password in the first place). The challenge lasts 10
 *   minutes, takes 5 wrong codes, and is used up by the right one;
 * - `password-change-required`: an admin chose the password; the challenge is a bearer
 *   token that opens only `changePassword` (POST /api/v1/auth/password);
 * - `enrolment-required`: an admin or evaluator without an app; the challenge opens only
 *   the enrolment routes, whose confirmation answers with the next outcome.
 * Each step answers with the next outcome until `signed-in`; in that order: second factor,
 * password change, enrolment. Wrong credentials throw UnauthenticatedError (401, one
 * message whatever was wrong, and an unknown username takes as long as a known one);
 * too many attempts TooManyRequestsError (429, retryAfter); a full hashing queue
 * UnavailableError (503, retryAfter). The client's address (for throttling, the hashing
 * pool and the access log) is the request's, from its access context.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    private readonly totp: TotpService,
    private readonly accessLog: AccessLogService,
    private readonly notifications: NotificationsService,
  ) {}

  async signIn(request: SignInRequest): Promise<SignInOutcome> {
    const user = await this.tx.read((em) => this.users.userByUsername(em, request.username));
    const address = currentClientAddress();
    const attempt = await this.throttle.admit(request.username, user?.id ?? null);
    try {
      const passwordRight = await this.hasher.verify(request.password, user?.passwordHash ?? null, address);
      if (!user || !passwordRight || user.disabled) {
        return await this.refuse(user?.id ?? null, request.username, !user ? 'unknown username' : !passwordRight ? 'wrong password' : 'account disabled');
      }
      await this.rehashIfOlder(user, request.password, address);
      const hasApp = await this.tx.read((em) => this.totp.isActive(em, user.id));
      let method: SecondFactorMethod | null = null;
      if (hasApp && (request.totp !== undefined || request.recoveryCode !== undefined)) {
        method = await this.tx.write((em) => this.totp.check(em, user, request));
        if (!method) return await this.refuse(user.id, user.username, `wrong ${request.totp !== undefined ? 'one-time code' : 'recovery code'}`);
      }
      const complete = !hasApp || method !== null;
      await this.throttle.succeeded(attempt, complete);
      return await this.next(user, complete, method, request.kind ?? 'bearer');
    } finally {
      attempt.release();
    }
  }

  async completeSecondFactor(answer: SecondFactorAnswer): Promise<SignInOutcome> {
    const now = this.clock.now();
    const { challenge, user } = await this.tx.read(async (em) => {
      const challenge = await this.users.challengeByHash(em, digest(answer.challenge));
      return { challenge, user: challenge ? await this.users.userById(em, challenge.userId) : null };
    });
    if (!challenge || !user || user.disabled || challenge.usedAt || challenge.expiresAt <= now || challenge.attempts >= CHALLENGE_ATTEMPTS) {
      throw new UnauthenticatedError('this sign-in has ended (it expired, was used, or had too many wrong codes): sign in again', { code: 'SIGN_IN_ENDED' });
    }
    const attempt = await this.throttle.admit(user.username, user.id);
    try {
      const method = await this.tx.write(async (em) => {
        const used = await this.totp.check(em, user, answer);
        // another request finished this sign-in first: undo this one's use of the code
        if (used && !(await this.users.useChallenge(em, challenge.id, now))) throw new UnauthenticatedError('this sign-in was finished already', { code: 'SIGN_IN_ENDED' });
        if (!used) await this.users.countChallengeAttempt(em, challenge.id, CHALLENGE_ATTEMPTS);
        return used;
      });
      if (!method) return await this.refuse(user.id, user.username, `wrong ${answer.totp !== undefined ? 'one-time code' : 'recovery code'} (second step)`, 'the code is wrong or was used already');
      await this.throttle.succeeded(attempt, true);
      return await this.next(user, true, method, answer.kind ?? 'bearer');
    } finally {
      attempt.release();
    }
  }

  /**
   * The signed-in user changes their own password (after an admin set it, or at will):
   * every session of theirs ends, this one included, and the answer is the next outcome
   * (usually `signed-in` with a new token).
   */
  async changePassword(user: AuthUser, change: PasswordChange): Promise<SignInOutcome> {
    const problems = passwordProblems(change.newPassword, user, '/newPassword');
    if (change.newPassword.normalize('NFC') === change.currentPassword.normalize('NFC')) {
      problems.push({ pointer: '/newPassword', rule: 'differentFromCurrent', message: 'the new password must differ from the current one' });
    }
    if (problems.length) throw new InvalidInputError(problems);
    const address = currentClientAddress();
    const attempt = await this.throttle.admit(user.username, user.id);
    try {
      const entity = await this.tx.read((em) => this.users.userById(em, user.id));
      if (!entity || !(await this.hasher.verify(change.currentPassword, entity.passwordHash, address))) {
        await this.accessLog.append(null, { event: 'password.change', userId: user.id, outcome: 'failed', detail: 'wrong current password' });
        throw InvalidInputError.single('/currentPassword', 'currentPassword', 'the current password is wrong');
      }
      const passwordHash = await this.hasher.hash(change.newPassword, address);
      await this.tx.write(async (em) => {
        await this.users.setPasswordHash(em, user.id, passwordHash, false);
        await this.users.revokeAllTokensOf(em, user.id, this.clock.now());
        await this.accessLog.append(em, { event: 'password.change', userId: user.id, detail: 'password changed by its owner; every session ended' });
      });
      await this.throttle.succeeded(attempt, true);
      // the token in hand proved any second factor already
      return await this.next({ ...entity, passwordHash, passwordChangeRequired: false }, true, null, user.kind);
    } finally {
      attempt.release();
    }
  }

  /**
   * Confirms the user's waiting enrolment: the recovery codes (shown once), and, when the
   * enrolment was what their sign-in waited for, the next outcome of the sign-in.
   */
  async confirmEnrolment(user: AuthUser, code: string): Promise<{ recoveryCodes: string[]; signIn: SignInOutcome | null }> {
    const recoveryCodes = await this.totp.confirm(user, code);
    if (user.scope !== 'enrolment') return { recoveryCodes, signIn: null };
    const entity = await this.tx.write(async (em) => {
      await this.users.revokeToken(em, user.tokenId, this.clock.now());
      return this.users.userById(em, user.id);
    });
    if (!entity || entity.disabled) throw new UnauthenticatedError('the account is disabled');
    return { recoveryCodes, signIn: await this.next(entity, true, 'totp', user.kind) };
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
      const signedIn: AuthUser = { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds, tokenId: row.id, scope: row.scope, kind: row.kind };
      return { row, user: signedIn };
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

  /** The signed-in user, with what their sign-in still needs, their second factor and their unread notifications. */
  async me(user: AuthUser) {
    const { id, username, displayName, role, teamIds } = user;
    return {
      id,
      username,
      displayName,
      role,
      teamIds,
      disabled: false,
      restriction: user.scope === 'full' ? null : OUTCOME_OF_SCOPE[user.scope],
      secondFactor: await this.totp.status(user),
      unreadNotifications: await this.notifications.unreadCount(user.id),
    };
  }

  /**
   * What a sign-in whose password was right still needs, in order: the second factor, a
   * password of the user's own, an enrolled app; then a full token.
   */
  private next(user: UserEntity, secondFactorDone: boolean, method: SecondFactorMethod | null, kind: CredentialKind): Promise<SignInOutcome> {
    return this.tx.write(async (em) => {
      const hasApp = await this.totp.isActive(em, user.id);
      const teamIds = await this.users.teamIdsOf(em, user.id);
      const log = (event: AccessEventKind, detail: string) => this.accessLog.append(em, { event, userId: user.id, detail });
      if (hasApp && !secondFactorDone) {
        const challenge = newSecret('mwc_');
        const now = this.clock.now();
        const expiresAt = this.minutesFrom(now, CHALLENGE_MINUTES);
        await this.users.pruneChallenges(em, now);
        await this.users.insertChallenge(em, { id: randomUUID(), userId: user.id, challengeHash: digest(challenge), issuedAt: now, expiresAt, attempts: 0, usedAt: null });
        await log('sign-in.pending', 'password right; a one-time code is asked for');
        return { outcome: 'second-factor-required', challenge, expiresAt, methods: ['totp', 'recovery-code'] };
      }
      const scope: TokenScope = user.passwordChangeRequired ? 'password-change' : TotpService.isRequiredFor(user.role) && !hasApp ? 'enrolment' : 'full';
      const { token, expiresAt } = await this.issue(em, user.id, scope, kind);
      if (scope !== 'full') {
        const outcome = OUTCOME_OF_SCOPE[scope];
        await log('sign-in.pending', scope === 'enrolment' ? 'signed in only to enrol a one-time-password app' : 'signed in only to change the password an admin set');
        return { outcome, challenge: token, tokenType: 'Bearer', expiresAt, next: NEXT[outcome], user: publicUser(user, teamIds) };
      }
      await log('sign-in.success', method === null ? 'password' : `password and ${method === 'totp' ? 'one-time code' : 'recovery code'}`);
      return { outcome: 'signed-in', token, tokenType: 'Bearer', expiresAt, user: publicUser(user, teamIds) };
    });
  }

  /** A new credential (a new session id at every sign-in): a full one lasts TOKEN_TTL_MINUTES or, for a session, SESSION_TTL_MINUTES. */
  private async issue(em: EntityManager, userId: string, scope: TokenScope, kind: CredentialKind) {
    const token = newSecret(PREFIX[kind]);
    const now = this.clock.now();
    const ttl = scope !== 'full' ? CHALLENGE_MINUTES : kind === 'session' ? this.minutes('SESSION_TTL_MINUTES', 720) : this.minutes('TOKEN_TTL_MINUTES', 480);
    await this.users.insertToken(em, { id: randomUUID(), userId, tokenHash: digest(token), issuedAt: now, expiresAt: this.minutesFrom(now, ttl), revokedAt: null, scope, kind, lastUsedAt: now });
    return { token, expiresAt: this.minutesFrom(now, ttl) };
  }

  private isLive(row: AuthTokenEntity, now: string): boolean {
    const idleUntil = instantToMillis(row.lastUsedAt ?? row.issuedAt) + this.minutes('IDLE_TIMEOUT_MINUTES', 30) * 60_000;
    return !row.revokedAt && row.expiresAt > now && instantToMillis(now) < idleUntil;
  }

  private minutes(setting: string, fallback: number): number {
    return this.config.get<number>(setting) ?? fallback;
  }

  private minutesFrom(instant: string, minutes: number) {
    return millisToInstant(instantToMillis(instant) + minutes * 60_000);
  }

  /** Logs a failed sign-in (why, and the username tried) and refuses it; the attempt stays counted by the throttle. */
  private async refuse(userId: string | null, username: string, why: string, message = WRONG_CREDENTIALS): Promise<never> {
    await this.accessLog.append(null, { event: 'sign-in.failure', userId, outcome: 'failed', detail: `${why}: ${username.slice(0, 64)}` });
    throw new UnauthenticatedError(message);
  }

  /** A hash made at an older (lower) cost is replaced with one at the current cost while the password is at hand. */
  private async rehashIfOlder(user: UserEntity, password: string, client: string | null) {
    if (!this.hasher.needsRehash(user.passwordHash)) return;
    try {
      const passwordHash = await this.hasher.hash(password, client);
      await this.tx.write((em) => this.users.setPasswordHash(em, user.id, passwordHash, user.passwordChangeRequired));
      user.passwordHash = passwordHash;
    } catch (error) {
      // a full hashing queue: the next sign-in will do it
      if (!(error instanceof UnavailableError)) throw error;
    }
  }
}

export function publicUser(user: UserEntity, teamIds: string[]): PublicUser {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds, disabled: user.disabled };
}
