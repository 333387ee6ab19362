import { INestApplication, ValidationPipe, VersioningType } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response, raw } from 'express';
import { accessContextMiddleware, trustProxySetting } from '@mapwork/auth';
import { validationPipeOptions } from '@mapwork/kernel';
import { checkUrl, jsonBody } from './edge';
import { ProblemDetailsFilter, sendProblem, toProblem } from './problem-details.filter';

/**
 * Everything the HTTP server needs besides its modules: body parsing with limits,
 * problem+json errors, validation, versioned routes, OpenAPI. Shared by main.ts and
 * the end-to-end tests, so the tests exercise the server as it runs.
 */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(ConfigService);
  app.use(checkUrl);
  // the client address in the access log: believe X-Forwarded-For only from the proxies TRUST_PROXY names
  app.getHttpAdapter().getInstance().set('trust proxy', trustProxySetting(config.get<string>('TRUST_PROXY')));
  app.use(accessContextMiddleware);
  app.use('/api/v1/cases/:caseId/attachments', raw({ type: () => true, limit: config.get<string>('ATTACHMENT_LIMIT') ?? '20mb' }));
  // case-file imports stream to disk instead of being parsed in memory
  const parseJson = jsonBody(config.get<string>('BODY_LIMIT') ?? '1mb');
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/api/v1/imports' ? next() : parseJson(req, res, next)));
  // errors of the edge checks and body parsing happen before any route, where Nest's filters cannot see them
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendProblem(res, toProblem(error, req.originalUrl.split('?')[0]));
  });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(new ValidationPipe(validationPipeOptions()));
  app.useGlobalFilters(new ProblemDetailsFilter());
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
