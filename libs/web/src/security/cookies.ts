import type { Request, Response } from 'express';
import { cookieName } from '@mapwork/auth';

/** Before sign-in, the key of the sign-in form's CSRF token. */
export const PRESESSION_COOKIE = 'mapwork-presession';
/** Points at what a user typed into a form posted after their session ended. */
export const DRAFT_COOKIE = 'mapwork-draft';

/**
 * Every cookie of the pages: HttpOnly (no script reads it), SameSite=Lax (not sent with
 * another site's form posts), Path=/, and over TLS Secure with the `__Host-` prefix.
 * Without a max age it lasts until the browser closes; the server decides when what it
 * names has ended.
 */
export function setCookie(res: Response, req: Request, base: string, value: string, maxAgeMs?: number): void {
  res.cookie(cookieName(base, req), value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) });
}

export function clearCookie(res: Response, req: Request, base: string): void {
  res.clearCookie(cookieName(base, req), { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
