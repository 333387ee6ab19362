import type { Response } from 'express';

/** Sends an HTML document that may run no scripts at all, even if a template were ever to let one through. */
export function asHtmlPage(res: Response): void {
  res.type('text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
}
