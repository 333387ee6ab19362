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
