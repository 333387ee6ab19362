import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, UnauthenticatedError, instantToMillis, millisToInstant } from '@mapwork/kernel';
import { TransactionRunner, UserEntity } from '@mapwork/persistence';
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

/** Sign-in, sign-out and turning a bearer token into the signed-in user. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly accessLog: AccessLogService,
  ) {}

  async signIn(username: string, password: string): Promise<IssuedToken> {
    const user = await this.tx.read((em) => this.users.userByUsername(em, username));
    const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !ok || user.disabled) {
      const why = !user ? 'unknown username' : !ok ? 'wrong password' : 'account disabled';
      await this.accessLog.append(null, { event: 'sign-in.failure', userId: user?.id ?? null, outcome: 'failed', detail: `${why}: ${username.slice(0, 64)}` });
      throw new UnauthenticatedError('the username or password is wrong, or the account is disabled');
    }
    const token = `mw_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const ttlMinutes = this.config.get<number>('TOKEN_TTL_MINUTES') ?? 480;
    const expiresAt = millisToInstant(instantToMillis(now) + ttlMinutes * 60_000);
    const teamIds = await this.tx.write(async (em) => {
      await this.users.insertToken(em, { id: randomUUID(), userId: user.id, tokenHash: digest(token), issuedAt: now, expiresAt, revokedAt: null });
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

  async authenticate(token: string): Promise<AuthUser> {
    return this.tx.read(async (em) => {
      const row = await this.users.tokenByHash(em, digest(token));
      if (!row || row.revokedAt || row.expiresAt <= this.clock.now()) {
        throw new UnauthenticatedError('the token is unknown, expired or signed out: sign in again');
      }
      const user = await this.users.userById(em, row.userId);
      if (!user || user.disabled) throw new UnauthenticatedError('the account is disabled');
      const teamIds = await this.users.teamIdsOf(em, user.id);
      return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds, tokenId: row.id };
    });
  }
}

export function publicUser(user: UserEntity, teamIds: string[]) {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds, disabled: user.disabled };
}
