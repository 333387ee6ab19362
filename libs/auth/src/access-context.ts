import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';
import type { NextFunction, Request, Response } from 'express';
import { isApiPath } from '@mapwork/kernel';

export type AccessInterface = 'api' | 'web' | 'cli';
export const ACCESS_INTERFACES: readonly AccessInterface[] = ['api', 'web', 'cli'];

/** Where the work being done came from, for the access log. */
export interface AccessContext {
  interface: AccessInterface;
  /** the client's address, as far as TRUST_PROXY lets it be known; null from the command line */
  address: string | null;
  /** method and path, or the command */
  route: string;
  /** cases the current access event touched (see AccessLogService.event) */
  touched?: Set<string>;
  /** entries to write once the request's unit of work is over (refusals found inside one) */
  pending?: Array<() => Promise<void>>;
}

const storage = new AsyncLocalStorage<AccessContext>();

/** The context of the current request or command; work started by neither counts as the command line. */
export function currentAccessContext(): AccessContext | undefined {
  return storage.getStore();
}

export function runInAccessContext<T>(context: AccessContext, work: () => T): T {
  return storage.run(context, work);
}

/** HTTP middleware: every request runs in a context with its address, interface and route. */
export function accessContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const path = req.originalUrl.split('?')[0];
  const context: AccessContext = {
    interface: isApiPath(path) ? 'api' : 'web',
    address: req.ip ? req.ip.slice(0, 64) : null,
    route: `${req.method} ${path}`.slice(0, 300),
    pending: [],
  };
  storage.run(context, () => next());
}

/** Who runs a command: the named actor of the command line, after the operating-system user (at most 36 characters, as user ids). */
export function commandLineActor(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry in some containers
  }
  return `cli:${user}`.slice(0, 36);
}

/**
 * Express "trust proxy" from TRUST_PROXY: whose X-Forwarded-For to believe when
 * recording a client's address (false: only the connection's own address).
 */
export function trustProxySetting(value: string | undefined): boolean | number | string[] {
  const v = (value ?? 'false').trim();
  if (v === 'false') return false;
  if (v === 'true') return true;
  if (/^[0-9]+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim());
}
