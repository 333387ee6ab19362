import type { Response } from 'express';

export type CspDirectives = Record<string, string[]>;

const pages: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Every Content-Security-Policy the server sends, in one place. */
export const CONTENT_SECURITY_POLICY = {
  /** the application's pages (and every other response): scripts and styles from the server itself only, never inline */
  pages,
  /** self-contained documents (printables, reports): no script at all, their own inline styles */
  documents: {
    'default-src': ["'none'"],
    'style-src': ["'unsafe-inline'"],
    'img-src': ['data:'],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  } as CspDirectives,
  /** the OpenAPI browser at /api/docs (Swagger UI writes inline styles) */
  apiDocs: { ...pages, 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } as CspDirectives,
};

export function cspHeader(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Sends an HTML document that may run no scripts at all, even if a template were ever to let one through. */
export function asHtmlPage(res: Response): void {
  res.type('text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', cspHeader(CONTENT_SECURITY_POLICY.documents));
}
