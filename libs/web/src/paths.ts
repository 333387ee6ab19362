import { isApiPath } from '@mapwork/kernel';

const BASE = 'http://mapwork.invalid';

/**
 * Where to go after signing in: a path of this site's pages only (no scheme, host,
 * `//host`, backslash or control character, nothing of the API, not the sign-in pages
 * themselves), so the parameter cannot send anyone to another site.
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 1000 || !value.startsWith('/')) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value) || value.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || isApiPath(url.pathname) || url.pathname === '/sign-in' || url.pathname === '/sign-out') return null;
  return url.pathname + url.search;
}
