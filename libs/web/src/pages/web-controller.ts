import { Controller, ExecutionContext, UseInterceptors, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, SessionAuth } from '@mapwork/auth';
import { AccessInterface } from '@mapwork/persistence';
import { FormValues } from '../forms/form-input';
import { DraftLocals, PageInterceptor } from './page.interceptor';

/**
 * A controller of pages: routes outside /api, left out of the OpenAPI document, signed in
 * by the session cookie (@Public() and @Roles() work as on the API), and returning
 * page(...) or redirectTo(...), which are rendered in the layout.
 */
export function WebController(path = ''): ClassDecorator {
  return applyDecorators(Controller(path), ApiExcludeController(), SessionAuth(), UseInterceptors(PageInterceptor));
}

/** Who is asking and through which page, for the services' access checks and the access log (as the API's @Origin()). */
export const WebOrigin = createParamDecorator((_: unknown, ctx: ExecutionContext): { user: AuthUser; route: string; via: AccessInterface } => {
  const req = ctx.switchToHttp().getRequest<Request & { user: AuthUser }>();
  return { user: req.user, route: `${req.method} ${req.originalUrl.split('?')[0]}`, via: 'web' };
});

/** The posted form, as the body parser built it (the form's definition validates it). */
export const FormBody = createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => ctx.switchToHttp().getRequest<Request>().body);

/** What the user typed into this page's form before their session ended, when they have just signed in again. */
export const RestoredForm = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): FormValues | undefined => (ctx.switchToHttp().getResponse<Response>().locals as DraftLocals).restoredForm,
);
