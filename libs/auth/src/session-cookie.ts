/** The minimum of a request the cookie helpers read (Express's request has it). */
export interface CookieRequest {
  secure: boolean;
  cookies?: Record<string, string | undefined>;
}

/**
 * The name a cookie has on this request: over TLS it carries the `__Host-` prefix, which
 * browsers accept only with Secure, Path=/ and no Domain, so neither another site nor a
 * subdomain can plant or overwrite it.
 */
export function cookieName(base: string, req: Pick<CookieRequest, 'secure'>): string {
  return req.secure ? `__Host-${base}` : base;
}

export function readCookie(req: CookieRequest, base: string): string | undefined {
  const value = req.cookies?.[cookieName(base, req)];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}

/** The browser session cookie: its value is the session's secret. */
export const SESSION_COOKIE = 'mapwork-session';

export function sessionTokenOf(req: CookieRequest): string | undefined {
  return readCookie(req, SESSION_COOKIE);
}
