import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, from, lastValueFrom } from 'rxjs';
import { AuthUser } from './auth-user';
import { AccessEventKind } from './access-log-entry';
import { AccessLogService } from './access-log.service';

export const ACCESS_EVENT = 'mapwork:access-event';

export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

interface AccessEventSpec {
  event: AccessEventKind;
  /** a short description of what was done (never a secret) */
  detail?: (req: RequestParts) => string | null;
}

/**
 * The route is one access-log event: logged after the handler, with the user, the
 * outcome and the cases the services touched (AccessLogService.touch).
 */
export const AccessEvent = (event: AccessEventKind, detail?: AccessEventSpec['detail']) => SetMetadata(ACCESS_EVENT, { event, detail } satisfies AccessEventSpec);

/**
 * Writes the entry of routes marked @AccessEvent, and on every route the refusals a
 * service found inside a unit of work (AccessLogService.refusedLater) once it is over.
 */
@Injectable()
export class AccessEventInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLogService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const spec = this.reflector.get<AccessEventSpec | undefined>(ACCESS_EVENT, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest<RequestParts & { user?: AuthUser }>();
    const entry = spec ? { event: spec.event, userId: req.user?.id ?? null, detail: spec.detail?.(req) ?? null } : null;
    return from(this.accessLog.event(entry, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
