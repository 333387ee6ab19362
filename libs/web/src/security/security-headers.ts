import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { CONTENT_SECURITY_POLICY } from '@mapwork/kernel';

/** A year, with subdomains: only ever sent on a request that came over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The security headers of every response, API and pages alike: helmet's set (nosniff,
 * no referrer, no framing, no X-Powered-By, cross-origin isolation headers), a strict
 * Content-Security-Policy (no inline script or style; Swagger UI's page at /api/docs may
 * use inline styles), `Cache-Control: no-store` (case content must not stay in caches;
 * the versioned assets set their own), and HSTS when the request came over TLS.
 * Printable documents replace the policy with a stricter one of their own (asHtmlPage).
 */
export function securityHeaders(): RequestHandler[] {
  const pagesPolicy = helmet.contentSecurityPolicy({ useDefaults: false, directives: CONTENT_SECURITY_POLICY.pages });
  const docsPolicy = helmet.contentSecurityPolicy({ useDefaults: false, directives: CONTENT_SECURITY_POLICY.apiDocs });
  return [
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/docs') ? docsPolicy : pagesPolicy)(req, res, next),
    (req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Cache-Control', 'no-store');
      if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
      next();
    },
  ];
}
