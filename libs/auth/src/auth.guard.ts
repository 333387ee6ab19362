import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@mapwork/kernel';
import { UserRole } from '@mapwork/persistence';
import { AccessLogService } from './access-log.service';
import { AuthUser } from './auth-user';
import { ALLOWED_ROLES, PUBLIC_ROUTE, SESSION_ROUTE } from './auth.decorators';
import { AuthService } from './auth.service';
import { CookieRequest, sessionTokenOf } from './session-cookie';

type GuardedRequest = CookieRequest & { headers: Record<string, string | undefined>; user?: AuthUser };

/**
 * Global guard: every route needs a signed-in user unless marked @Public(): from a bearer
 * token for the API, from the session cookie for pages (@SessionAuth()); @Roles() narrows it.
 * Refusals are logged.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly accessLog: AccessLogService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const user = this.reflector.getAllAndOverride<boolean>(SESSION_ROUTE, targets) ? await this.fromSession(req) : await this.fromBearer(req);
    req.user = user;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      await this.accessLog.append(null, { event: 'refusal', userId: user.id, outcome: 'refused', detail: `role ${user.role}; the route needs ${roles.join(' or ')}` });
      throw new ForbiddenError(`this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async fromBearer(req: GuardedRequest): Promise<AuthUser> {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      await this.accessLog.anonymousRefusal('no bearer token');
      throw new UnauthenticatedError();
    }
    return this.authenticate(match[1], 'bearer');
  }

  private async fromSession(req: GuardedRequest): Promise<AuthUser> {
    const token = sessionTokenOf(req);
    if (!token) {
      await this.accessLog.anonymousRefusal('no session');
      throw new UnauthenticatedError('sign in first');
    }
    return this.authenticate(token, 'session');
  }

  private authenticate(token: string, kind: 'bearer' | 'session'): Promise<AuthUser> {
    return this.auth.authenticate(token, kind).catch(async (error: unknown) => {
      if (error instanceof UnauthenticatedError) await this.accessLog.anonymousRefusal(error.message);
      throw error;
    });
  }
}
