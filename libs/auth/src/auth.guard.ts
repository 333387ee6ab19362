import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@mapwork/kernel';
import { UserRole } from '@mapwork/persistence';
import { AuthUser } from './auth-user';
import { ALLOWED_ROLES, PUBLIC_ROUTE, SESSION_ROUTE } from './auth.decorators';
import { AuthService } from './auth.service';
import { CookieRequest, sessionTokenOf } from './session-cookie';

type GuardedRequest = CookieRequest & { headers: Record<string, string | undefined>; user?: AuthUser };

/**
 * Global guard: every route needs a signed-in user unless marked @Public(): from a bearer
 * token for the API, from the session cookie for pages (@SessionAuth()); @Roles() narrows it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const user = this.reflector.getAllAndOverride<boolean>(SESSION_ROUTE, targets) ? await this.fromSession(req) : await this.fromBearer(req);
    req.user = user;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(user.role)) throw new ForbiddenError(`this needs one of the roles: ${roles.join(', ')}`);
    return true;
  }

  private fromBearer(req: GuardedRequest): Promise<AuthUser> {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new UnauthenticatedError();
    return this.auth.authenticate(match[1], 'bearer');
  }

  private fromSession(req: GuardedRequest): Promise<AuthUser> {
    const token = sessionTokenOf(req);
    if (!token) throw new UnauthenticatedError('sign in first');
    return this.auth.authenticate(token, 'session');
  }
}
