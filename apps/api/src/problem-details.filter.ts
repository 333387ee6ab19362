import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorCode, InvalidInputError, isApiPath } from '@mapwork/kernel';
import { ErrorPages } from '@mapwork/web';

const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  GONE: 410,
  STALE_VERSION: 409,
  VERSION_REQUIRED: 428,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  [extension: string]: unknown;
}

function kebab(code: string) {
  return code.toLowerCase().replace(/_/g, '-');
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'Error';
}

/** Turns anything thrown into an RFC 9457 problem document. */
export function toProblem(error: unknown, instance?: string): ProblemDocument {
  if (error instanceof DomainError) {
    const status = STATUS[error.code];
    const code = typeof error.details.code === 'string' ? error.details.code : error.code;
    return {
      type: `urn:mapwork:problem:${kebab(code)}`,
      title: titleOf(status),
      status,
      detail: error.message,
      instance,
      ...error.details,
      code,
      ...(error instanceof InvalidInputError ? { errors: error.problems } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    return {
      type: 'about:blank',
      title: titleOf(status),
      status,
      detail: Array.isArray(message) ? message.join('; ') : String(message),
      instance,
      code: kebab(HttpStatus[status] ?? 'error').toUpperCase().replace(/-/g, '_'),
    };
  }
  if (error instanceof URIError) {
    return problem(400, 'MALFORMED_URL', 'the URL has percent-encoding that is not UTF-8 (such as %ff)', instance);
  }
  const bodyParserError = error as { type?: string; status?: number; expose?: boolean; message?: string };
  const bodyProblem = bodyParserError?.type ? BODY_PROBLEMS[bodyParserError.type] : undefined;
  if (bodyProblem) return problem(bodyProblem.status, bodyProblem.code, bodyProblem.detail, instance);
  if (bodyParserError?.expose && typeof bodyParserError.status === 'number' && bodyParserError.status < 500) {
    return problem(bodyParserError.status, 'BAD_REQUEST_BODY', bodyParserError.message ?? 'the request body cannot be read', instance);
  }
  if (error instanceof QueryFailedError && /unique|duplicate key/i.test(error.message)) {
    return problem(409, 'CONFLICT', 'this would duplicate something that must be unique', instance);
  }
  if (isDatabaseBusy(error)) {
    return { ...problem(503, 'DATABASE_BUSY', 'the database is busy with other work (an import, say); nothing was changed: try again shortly', instance), retryAfter: RETRY_AFTER_SECONDS };
  }
  return problem(500, 'INTERNAL', 'something went wrong on our side; nothing was changed', instance);
}

const BODY_PROBLEMS: Record<string, { status: number; code: string; detail: string }> = {
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', detail: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'BODY_TOO_LARGE', detail: 'the request body is larger than this server accepts' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_CHARSET', detail: 'send JSON as UTF-8 (RFC 8259)' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_CONTENT_ENCODING', detail: 'this Content-Encoding is not supported' },
};

const RETRY_AFTER_SECONDS = 5;

/**
 * A lock another connection holds for longer than this one would wait (SQLite's busy
 * timeout), or a transaction PostgreSQL gave up on (deadlock, serialisation, lock
 * timeout): nothing was written, and the same request may succeed later.
 */
function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown })?.driverError?.code ?? (error as { code?: unknown })?.code;
  return typeof code === 'string' && (/^SQLITE_(BUSY|LOCKED)/.test(code) || ['40001', '40P01', '55P03'].includes(code));
}

function problem(status: number, code: string, detail: string, instance?: string): ProblemDocument {
  return { type: status === 500 ? 'about:blank' : `urn:mapwork:problem:${kebab(code)}`, title: titleOf(status), status, detail, instance, code };
}

export function sendProblem(res: Response, doc: ProblemDocument) {
  if (doc.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  if (typeof doc.retryAfter === 'number') res.setHeader('Retry-After', String(doc.retryAfter));
  res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
}

const logger = new Logger('Problem');

/** Answers an error by route: problem+json for the API, an error page (or the sign-in page) for pages. */
export function respondWithError(error: unknown, req: Request, res: Response, pages?: ErrorPages): void | Promise<void> {
  const doc = toProblem(error, req.originalUrl?.split('?')[0]);
  if (doc.status >= 500) logger.error(`${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? String(error)}`);
  if (pages && !isApiPath(req.path)) return pages.render(req, res, doc);
  sendProblem(res, doc);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly pages?: ErrorPages) {}

  catch(error: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    return respondWithError(error, ctx.getRequest<Request>(), ctx.getResponse<Response>(), this.pages);
  }
}
