import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, map, switchMap } from 'rxjs';
import { AuthUser, readCookie } from '@mapwork/auth';
import { FormDrafts } from '../drafts/form-drafts.service';
import { FormValues } from '../forms/form-input';
import { DRAFT_COOKIE, clearCookie } from '../security/cookies';
import { isWebResult } from './page';
import { PageRenderer } from './page-renderer';

/** Left on `res.locals` for @RestoredForm(). */
export interface DraftLocals {
  restoredForm?: FormValues;
}

/**
 * Around every page handler: before a GET, hands back a form kept when the session
 * ended (if it is this user's and this page's); after, renders what the handler returned.
 */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly drafts: FormDrafts,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const res = ctx.switchToHttp().getResponse<Response>();
    return from(this.restoreDraft(req, res)).pipe(
      switchMap(() => next.handle()),
      map((result) => {
        if (!isWebResult(result)) return result;
        if (result.kind === 'redirect') {
          res.status(303).location(result.url);
          return '';
        }
        res.status(result.status).type('html');
        return this.renderer.render(result.view, result.model, req, res);
      }),
    );
  }

  private async restoreDraft(req: Request & { user?: AuthUser }, res: Response): Promise<void> {
    const token = readCookie(req, DRAFT_COOKIE);
    if (req.method !== 'GET' || !token || !req.user) return;
    const values = await this.drafts.take(token, req.user.id, req.path);
    if (!values) return;
    (res.locals as DraftLocals).restoredForm = values;
    clearCookie(res, req, DRAFT_COOKIE);
  }
}
