import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response, urlencoded } from 'express';
import { sizeInBytes } from '@mapwork/kernel';
import { WebAssets } from './assets';
import { multipartForms } from './forms/multipart';
import { isApiPath } from './paths';
import { csrfProtection } from './security/csrf';
import { securityHeaders, trustProxy } from './security/security-headers';

/** Deep enough for a list of rows of a record (`nextSteps[3][owner]`), and no deeper. */
const FORM_DEPTH = 5;
/** Fields in one form post: a long mapping with every list filled stays well inside. */
const FORM_PARAMETERS = 10_000;

/**
 * What the server needs for pages besides their modules, in this order: security
 * headers (for the API too), cookies, form bodies (pages only, with a file when the form
 * sends one), the versioned assets,
 * and the CSRF check that runs before any page's code does.
 */
export function configureWeb(app: INestApplication): void {
  const config = app.get(ConfigService);
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  server.set('trust proxy', trustProxy(config.get<string>('TRUST_PROXY') ?? 'false'));
  for (const handler of securityHeaders()) app.use(handler);
  app.use(cookieParser());
  // body-parser's extended parser allows list indexes up to the number of fields posted
  // (qs's default arrayLimit of 20 would turn people[21] into an object key); the forms'
  // own normalisation turns any list that arrives as an object back into a list
  const formOptions = { extended: true, depth: FORM_DEPTH, parameterLimit: FORM_PARAMETERS, limit: config.get<string>('BODY_LIMIT') ?? '1mb' };
  const forms = urlencoded(formOptions);
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : forms(req, res, next)));
  const uploads = multipartForms({ fileSize: sizeInBytes(config.get<string>('ATTACHMENT_LIMIT') ?? '20mb'), fields: FORM_PARAMETERS, depth: FORM_DEPTH });
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : uploads(req, res, next)));
  const assets = app.get(WebAssets);
  // their names change with their content, so they may be kept a year (every other response is no-store)
  const longCache = (res: Response) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  app.use(assets.path, express.static(assets.dir, { cacheControl: false, index: false, redirect: false, setHeaders: longCache }));
  app.use(csrfProtection());
}
