import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { UserRole } from '@mapwork/persistence';
import { AuthUser } from './auth-user';

export const PUBLIC_ROUTE = 'mapwork:public';
export const ALLOWED_ROLES = 'mapwork:roles';
export const SESSION_ROUTE = 'mapwork:session';

/** The route needs no sign-in (sign-in itself, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route (on top of being signed in). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The route is a page: the user is the one of the browser's session cookie, not of a bearer token. */
export const SessionAuth = () => SetMetadata(SESSION_ROUTE, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** The signed-in user and the route (method and path), for the services' access checks and the access log; the same for pages and the API. */
export const Origin = createParamDecorator((_: unknown, ctx: ExecutionContext): { user: AuthUser; route: string } => {
  const req = ctx.switchToHttp().getRequest<{ user: AuthUser; method: string; originalUrl: string }>();
  return { user: req.user, route: `${req.method} ${req.originalUrl.split('?')[0]}` };
});
