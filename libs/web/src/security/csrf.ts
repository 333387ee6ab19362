import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, isApiPath } from '@mapwork/kernel';
import { readCookie, sessionTokenOf } from '@mapwork/auth';
import { PRESESSION_COOKIE, setCookie } from './cookies';

/** The hidden field every form carries (templates/partials/csrf.hbs). */
export const CSRF_FIELD = '_csrf';
export const CSRF_CODE = 'CSRF_TOKEN_INVALID';

const PRESESSION_MAX_AGE_MS = 2 * 60 * 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The synchronizer token of a browser: an HMAC keyed with the secret value of its session
 * cookie (or, before sign-in, of its pre-session cookie). Another site can neither read
 * the cookie nor the token, so it cannot forge a post; nothing needs storing beside the
 * session, and the token changes with every new session.
 */
export function csrfTokenFor(key: string): string {
  return createHmac('sha256', key).update('mapwork-csrf/1').digest('base64url');
}

export function csrfTokenMatches(key: string | undefined, token: unknown): boolean {
  if (!key || typeof token !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(key));
  const sent = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

export class CsrfRejectedError extends ForbiddenError {
  constructor() {
    super('the form did not carry this browser’s token: nothing was changed');
    Object.assign(this.details, { code: CSRF_CODE });
  }
}

/** What the middleware leaves for the pages (on `res.locals`). */
export interface CsrfLocals {
  /** the token forms of this response carry */
  csrfToken?: string;
  /** which cookie the posted token was checked against */
  csrfKey?: 'session' | 'presession';
}

/**
 * For pages only (the API takes bearer tokens, never cookies): gives every page view its
 * token, issuing a pre-session cookie to a browser that has no cookie yet, and refuses,
 * before anything else runs, every other method whose `_csrf` field does not match.
 */
export function csrfProtection() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    const locals = res.locals as CsrfLocals;
    const session = sessionTokenOf(req);
    let presession = readCookie(req, PRESESSION_COOKIE);
    if (!SAFE_METHODS.has(req.method)) {
      const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      locals.csrfKey = csrfTokenMatches(session, sent) ? 'session' : csrfTokenMatches(presession, sent) ? 'presession' : undefined;
      if (!locals.csrfKey) return next(new CsrfRejectedError());
      delete (req.body as Record<string, unknown>)[CSRF_FIELD];
    } else if (!session && !presession) {
      presession = randomBytes(32).toString('base64url');
      setCookie(res, req, PRESESSION_COOKIE, presession, PRESESSION_MAX_AGE_MS);
    }
    locals.csrfToken = csrfTokenFor((session ?? presession)!);
    next();
  };
}
