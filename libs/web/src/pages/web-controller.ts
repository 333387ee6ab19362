import { Controller, ExecutionContext, UseInterceptors, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SessionAuth } from '@mapwork/auth';
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

/** The posted form, as the body parser built it (the form's definition validates it). */
export const FormBody = createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => ctx.switchToHttp().getRequest<Request>().body);

/** What the user typed into this page's form before their session ended, when they have just signed in again. */
export const RestoredForm = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): FormValues | undefined => (ctx.switchToHttp().getResponse<Response>().locals as DraftLocals).restoredForm,
);
