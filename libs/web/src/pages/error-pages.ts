import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, sessionTokenOf } from '@mapwork/auth';
import { FormDrafts, DRAFT_TTL_MS } from '../drafts/form-drafts.service';
import { formValues } from '../forms/form-input';
import { DRAFT_COOKIE, setCookie } from '../security/cookies';
import { CSRF_CODE, CsrfLocals } from '../security/csrf';
import { PageRenderer } from './page-renderer';

/** The part of a problem document (RFC 9457) an error page needs. */
export interface PageProblem {
  status: number;
  code: string;
  detail: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The services' messages are written in lower case, to follow a colon. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Title and paragraphs of an error page: never the input, never internals. */
function content(p: PageProblem): { title: string; paragraphs: string[] } {
  if (p.code === CSRF_CODE) {
    return {
      title: 'This form could not be sent',
      paragraphs: ['It had been open too long, or it came from another website. Nothing was changed.', 'Go back, reload the page and try again.'],
    };
  }
  switch (p.status) {
    case 403:
      return { title: 'You cannot use this page', paragraphs: ['Your role does not give access to it.'] };
    case 404:
      return {
        title: 'Page not found',
        paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'],
      };
    case 409:
      return { title: 'This could not be saved', paragraphs: [`${sentence(p.detail)}.`, 'Nothing was changed.'] };
    case 410:
      return { title: 'This has been deleted', paragraphs: ['It can be restored from its history.'] };
    case 413:
      return { title: 'That was too much to send at once', paragraphs: ['Nothing was changed. Send it in smaller parts.'] };
    case 415:
    case 422:
      // what a form's own checks find is shown on the form; this is what the edge refused before any page saw it
      return { title: 'What was sent could not be accepted', paragraphs: [`${sentence(p.detail)}.`, 'Nothing was changed. Go back and try again.'] };
    default:
      return p.status >= 500
        ? { title: 'Sorry, there is a problem with the service', paragraphs: ['Try again later. Nothing was changed.'] }
        : { title: 'There is a problem with this request', paragraphs: ['Go back and try again. Nothing was changed.'] };
  }
}

/**
 * How pages answer errors (the API's filter hands them over, deciding by route): 401
 * sends the browser to sign in, coming back afterwards, and keeps a form that was posted
 * after its session ended; everything else is an error page with the same status the
 * API would give. A case of another team is "Page not found", as a missing one is.
 */
@Injectable()
export class ErrorPages {
  private readonly logger = new Logger('ErrorPages');

  constructor(
    private readonly renderer: PageRenderer,
    private readonly auth: AuthService,
    private readonly drafts: FormDrafts,
  ) {}

  async render(req: Request, res: Response, problem: PageProblem): Promise<void> {
    try {
      if (problem.status === 401) return await this.toSignIn(req, res);
      const { title, paragraphs } = content(problem);
      res.status(problem.status).type('html').send(this.renderer.render('error', { title, paragraphs }, req, res));
    } catch (error) {
      this.logger.error(`${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) res.status(500).type('text/plain').send('Sorry, there is a problem with the service.');
    }
  }

  private async toSignIn(req: Request, res: Response): Promise<void> {
    const session = sessionTokenOf(req);
    const query = new URLSearchParams({ returnTo: SAFE_METHODS.has(req.method) ? req.originalUrl : req.path });
    if (session) query.set('ended', (await this.keepForm(req, res, session)) ? 'kept' : 'yes');
    res.redirect(303, `/sign-in?${query}`);
  }

  /** A form posted (with this browser's token) after its session ended is kept for the session's user. */
  private async keepForm(req: Request, res: Response, session: string): Promise<boolean> {
    if (SAFE_METHODS.has(req.method) || (res.locals as CsrfLocals).csrfKey !== 'session') return false;
    const owner = await this.auth.sessionOwner(session);
    if (!owner) return false;
    setCookie(res, req, DRAFT_COOKIE, await this.drafts.keep(owner, req.path, formValues(req.body)), DRAFT_TTL_MS);
    return true;
  }
}
