import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { TokenScope, UserRole } from '@mapwork/persistence';
import { AuthUser } from './auth-user';

export const PUBLIC_ROUTE = 'mapwork:public';
export const ALLOWED_ROLES = 'mapwork:roles';
export const ALLOWED_DURING = 'mapwork:allowed-during';

/** The route needs no sign-in (sign-in itself, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route (on top of being signed in). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The route is open to a sign-in that is not finished yet (a token of one of these scopes), as well as to a full one. */
export const AllowDuring = (...scopes: Array<Exclude<TokenScope, 'full'>>) => SetMetadata(ALLOWED_DURING, scopes);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
