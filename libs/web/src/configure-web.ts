import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import { isApiPath, sizeInBytes } from '@mapwork/kernel';
import { WebAssets } from './assets';
import { formBody } from './forms/form-body';
import { multipartForms } from './forms/multipart';
import { csrfProtection } from './security/csrf';

/**
 * What the server needs for pages besides their modules, in this order: cookies, form
 * bodies (pages only, held to the edge rules; with a file when the form sends one), the
 * versioned assets, and the CSRF check
 * that runs before any page's code does. The security headers of every response come
 * first, in configureApp (securityHeaders).
 */
export function configureWeb(app: INestApplication): void {
  const config = app.get(ConfigService);
  app.use(cookieParser());
  const forms = formBody(config.get<string>('BODY_LIMIT') ?? '1mb');
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : forms(req, res, next)));
  const uploads = multipartForms(sizeInBytes(config.get<string>('ATTACHMENT_LIMIT') ?? '20mb'));
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : uploads(req, res, next)));
  const assets = app.get(WebAssets);
  // their names change with their content, so they may be kept a year (every other response is no-store)
  const longCache = (res: Response) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  app.use(assets.path, express.static(assets.dir, { cacheControl: false, index: false, redirect: false, setHeaders: longCache }));
  app.use(csrfProtection());
}
