import { pointerSegment } from '@mapwork/kernel';
import { TestApp, createTestApp } from './support/test-app';
import { Route, allRoutes } from './support/routes';
import { ValidRequests } from './support/valid-requests';
import { World, buildWorld } from './support/world';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every array and object inside a value, by JSON Pointer, the whole value ('') first. */
function containers(value: Json, pointer = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [pointer, ...children.flatMap(([k, v]) => containers(v, `${pointer}/${pointerSegment(k)}`))];
}

/** Every value inside a value (not the value itself), by JSON Pointer. */
function members(value: Json, pointer = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return children.flatMap(([k, v]) => [`${pointer}/${pointerSegment(k)}`, ...members(v, `${pointer}/${pointerSegment(k)}`)]);
}

/** A copy of `value` with what is at `pointer` replaced by `replace(it)`. */
function replaced(value: Json, pointer: string, replace: (at: Json) => Json): Json {
  if (pointer === '') return replace(value);
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  const path = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent = copy as Record<string, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, Json>;
  const last = path[path.length - 1];
  parent[last] = replace(parent[last]);
  return copy;
}

const parentOf = (pointer: string) => pointer.slice(0, pointer.lastIndexOf('/'));

/**
 * Element types are checked everywhere: on every route with a JSON body, a request that
 * succeeds is refused with 422, at the place changed, when any array or object in it is
 * wrapped in a list (`harm: [[{…}]]` was stored, and broke the re-import of the export);
 * and no field set to null gets a 5xx.
 */
describe('the shape of every element of every body (e2e)', () => {
  let t: TestApp;
  let w: World;
  let routes: Route[];
  let valid: ValidRequests;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    routes = (await allRoutes(t)).filter((r) => r.hasBody && !r.path.endsWith('/attachments'));
    valid = new ValidRequests(t, w);
  });
  afterAll(() => t.close());

  const send = (r: Route, path: string, auth: { Authorization: string } | undefined, body: unknown) => {
    const req = t.http()[r.method](path);
    return (auth ? req.set(auth) : req).send(body as object);
  };

  it('knows a request that succeeds for every route with a JSON body', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it('refuses any array or object wrapped in a list, on every route, at the place it was wrapped', async () => {
    let tried = 0;
    for (const r of routes) {
      const request = await valid.for(r);
      const body = request.body as Json;
      for (const pointer of containers(body)) {
        const res = await send(r, request.path, request.auth, replaced(body, pointer, (at) => [at]));
        const pointers: string[] = (res.body.errors ?? []).map((e: { pointer: string }) => e.pointer);
        // class-validator names the list when one of its elements is wrong
        const named = pointer === '' || pointers.some((p) => p === pointer || p === parentOf(pointer) || p.startsWith(`${pointer}/`));
        expect({ route: `${r.method} ${r.path}`, pointer, status: res.status, named }).toEqual({ route: `${r.method} ${r.path}`, pointer, status: 422, named: true });
        tried++;
      }
      const ok = await send(r, request.path, request.auth, body);
      expect({ route: `${r.method} ${r.path}`, status: ok.status, body: ok.status < 300 ? null : ok.body }).toEqual({ route: `${r.method} ${r.path}`, status: ok.status < 300 ? ok.status : 200, body: null });
    }
    expect(tried).toBeGreaterThan(150);
  });

  it('never answers 5xx when any field of a good request is null', async () => {
    for (const r of routes) {
      const request = await valid.for(r);
      const body = request.body as Json;
      for (const pointer of members(body)) {
        const res = await send(r, request.path, request.auth, replaced(body, pointer, () => null));
        expect({ route: `${r.method} ${r.path}`, pointer, serverError: res.status >= 500 }).toEqual({ route: `${r.method} ${r.path}`, pointer, serverError: false });
        if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });
});
