import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@mapwork/kernel';
import { UserRole } from '@mapwork/persistence';
import { AccessLogService } from './access-log.service';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import { AuthService } from './auth.service';

/** Global guard: every route needs a valid bearer token unless marked @Public(); @Roles() narrows it. Refusals are logged. */
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
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: unknown }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      await this.accessLog.anonymousRefusal('no bearer token');
      throw new UnauthenticatedError();
    }
    const user = await this.auth.authenticate(match[1]).catch(async (error: unknown) => {
      if (error instanceof UnauthenticatedError) await this.accessLog.anonymousRefusal(error.message);
      throw error;
    });
    req.user = user;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      await this.accessLog.append(null, { event: 'refusal', userId: user.id, outcome: 'refused', detail: `role ${user.role}; the route needs ${roles.join(' or ')}` });
      throw new ForbiddenError(`this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
