import { TestApp } from './test-app';

export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. /api/v1/cases/{caseId}/mappings/{recordId} */
  path: string;
  hasBody: boolean;
  isPublic: boolean;
}

/** Every operation in the server's own OpenAPI document: the list of routes tests walk. */
export async function allRoutes(t: TestApp): Promise<Route[]> {
  const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>>;
  };
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      out.push({ method: method as Route['method'], path, hasBody: !!op.requestBody, isPublic: !op.security || op.security.length === 0 });
    }
  }
  return out;
}

/** Fills path parameters. */
export function concrete(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for path parameter ${name} in ${path}`);
    return encodeURIComponent(params[name]);
  });
}

/** A value for every path parameter of the document, naming nothing that exists. */
export const PLACEHOLDER_PARAMS: Record<string, string> = {
  caseId: '00000000-0000-4000-8000-000000000000',
  recordId: 'm1',
  personId: 'p1',
  version: '1',
  userId: '00000000-0000-4000-8000-000000000001',
  site: 'S1',
  ref: 'S1-0001',
  id: 'x',
  roundId: '00000000-0000-4000-8000-000000000002',
  auditId: '00000000-0000-4000-8000-000000000003',
  notificationId: '00000000-0000-4000-8000-000000000004',
};

/** Calls every route that needs a sign-in, except those in `open` (`post /api/v1/…`), with `auth`: each must answer 403 with `code`. */
export async function expectRefusedOnAllBut(t: TestApp, auth: { Authorization: string }, open: string[], code: string): Promise<void> {
  const routes = (await allRoutes(t)).filter((r) => !r.isPublic && !open.includes(`${r.method} ${r.path}`));
  expect(routes.length).toBeGreaterThan(80);
  for (const r of routes) {
    const res = await t.http()[r.method](concrete(r.path, PLACEHOLDER_PARAMS)).set(auth).send({});
    expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({ route: `${r.method} ${r.path}`, status: 403, code });
  }
}
