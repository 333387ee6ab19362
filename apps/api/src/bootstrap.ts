import { INestApplication, ValidationPipe, VersioningType } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response, raw } from 'express';
import { accessContextMiddleware, trustProxySetting } from '@mapwork/auth';
import { isApiPath, validationPipeOptions } from '@mapwork/kernel';
import { ErrorPages, configureWeb, securityHeaders } from '@mapwork/web';
import { checkUrl, jsonBody } from './edge';
import { ProblemDetailsFilter, respondWithError } from './problem-details.filter';

/**
 * Everything the HTTP server needs besides its modules, in order: the security headers
 * of every response, the edge checks of the URL, the access context, body parsing with
 * limits (JSON for the API; forms, cookies, assets and the CSRF check for pages:
 * configureWeb), problem+json errors (error pages for pages), validation, versioned
 * routes, OpenAPI. Shared by main.ts and the end-to-end tests, so the tests exercise the
 * server as it runs.
 */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(ConfigService);
  const pages = app.get(ErrorPages);
  // the client address in the access log, and whether a request came over TLS (Secure cookies, HSTS):
  // believe X-Forwarded-For and X-Forwarded-Proto only from the proxies TRUST_PROXY names
  app.getHttpAdapter().getInstance().set('trust proxy', trustProxySetting(config.get<string>('TRUST_PROXY')));
  for (const handler of securityHeaders()) app.use(handler);
  app.use(checkUrl);
  app.use(accessContextMiddleware);
  app.use('/api/v1/cases/:caseId/attachments', raw({ type: () => true, limit: config.get<string>('ATTACHMENT_LIMIT') ?? '20mb' }));
  // case-file imports stream to disk instead of being parsed in memory; pages take forms, not JSON
  const parseJson = jsonBody(config.get<string>('BODY_LIMIT') ?? '1mb');
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/api/v1/imports' || !isApiPath(req.path) ? next() : parseJson(req, res, next)));
  configureWeb(app);
  // errors of the edge checks, body parsing and the CSRF check happen before any route, where Nest's filters cannot see them
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    return respondWithError(error, req, res, pages);
  });
  // the API's routes are /api/v1/…; pages (controllers without a version) sit outside /api
  app.enableVersioning({ type: VersioningType.URI, prefix: 'api/v' });
  app.useGlobalPipes(new ValidationPipe(validationPipeOptions()));
  app.useGlobalFilters(new ProblemDetailsFilter(pages));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('mapwork')
      .setDescription(
        'Signs of Safety case recording with full revision history. Every change is a revision ' +
          '(who, when, why, what changed); changes carry the version they are based on; errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'token from POST /api/v1/auth/sign-in' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
  return app;
}
