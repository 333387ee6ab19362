import { TestApp, createTestApp } from './support/test-app';
import { Route, allRoutes, concrete } from './support/routes';
import { World, buildWorld, childVoiceData, mappingData, networkMeetingData, openCase, safetyPlanData } from './support/world';

/**
 * Role and team rules, walked over every route of the OpenAPI document:
 * - no token: 401 everywhere but sign-in and health;
 * - case content: social workers of the case's team read and write, its team manager
 *   only reads, a worker of another team gets 404 (existence does not leak), admins and
 *   evaluators get 403;
 * - administration: admins only.
 */
describe('who may do what, on every route (e2e)', () => {
  let t: TestApp;
  let w: World;
  let routes: Route[];
  let params: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    const caseId = await openCase(t, w);
    await t.http().post(`/api/v1/cases/${caseId}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData() }).expect(201);
    await t.http().post(`/api/v1/cases/${caseId}/child-voice`).set(w.worker.auth).send({ id: 'cv1', data: childVoiceData() }).expect(201);
    await t.http().post(`/api/v1/cases/${caseId}/safety-plans`).set(w.worker.auth).send({ id: 'sp1', data: safetyPlanData() }).expect(201);
    await t.http().post(`/api/v1/cases/${caseId}/network-meetings`).set(w.worker.auth).send({ id: 'nm1', data: networkMeetingData() }).expect(201);
    routes = await allRoutes(t);
    params = { caseId, recordId: 'm1', personId: 'p1', version: '1', userId: w.worker.id, site: 'S1', ref: 'S1-0001', id: 'no-such-instrument', roundId: '00000000-0000-4000-8000-000000000001', auditId: '00000000-0000-4000-8000-000000000002' };
  });
  afterAll(() => t.close());

  const isCaseRoute = (r: Route) => r.path.startsWith('/api/v1/cases');
  const isAdminRoute = (r: Route) => r.path.startsWith('/api/v1/admin');
  const isWrite = (r: Route) => r.method !== 'get';
  const call = (r: Route, auth?: { Authorization: string }, overrides: Record<string, string> = {}) => {
    const recordId = ({ 'child-voice': 'cv1', 'safety-plans': 'sp1', 'network-meetings': 'nm1' } as Record<string, string>)[r.path.split('/')[5]] ?? 'm1';
    const path = concrete(r.path, { ...params, recordId, ...overrides });
    const req = t.http()[r.method](r.path.endsWith('/diff') ? `${path}?from=1&to=1` : path);
    if (auth) req.set(auth);
    return r.hasBody || r.method !== 'get' ? req.send({}) : req;
  };

  it('the document lists the routes this suite walks', () => {
    expect(routes.filter(isCaseRoute).length).toBeGreaterThan(50);
    expect(routes.filter(isAdminRoute).length).toBeGreaterThanOrEqual(8);
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`).sort()).toEqual(['get /health', 'post /api/v1/auth/sign-in']);
  });

  it('answers 401 problem+json without a token, and with a bad or signed-out one', async () => {
    for (const r of routes.filter((x) => !x.isPublic)) {
      const res = await call(r);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    await t.http().get('/api/v1/cases').set('Authorization', 'Bearer mw_not-a-real-token').expect(401);
    await t.http().get('/api/v1/cases').set('Authorization', 'Basic abc').expect(401);
  });

  it('keeps case content from admins and evaluators (403) on every case route', async () => {
    for (const who of [w.admin, w.evaluator]) {
      for (const r of routes.filter(isCaseRoute)) {
        const res = await call(r, who.auth);
        expect({ who: who.username, route: `${r.method} ${r.path}`, status: res.status }).toEqual({ who: who.username, route: `${r.method} ${r.path}`, status: 403 });
      }
    }
  });

  it('answers a worker of another team exactly as if the case did not exist, on every route under a case', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000000';
    for (const r of routes.filter((x) => x.path.startsWith('/api/v1/cases/{caseId}'))) {
      const theirs = await call(r, w.outsider.auth);
      const missing = await call(r, w.outsider.auth, { caseId: nowhere });
      const seen = { route: `${r.method} ${r.path}`, status: theirs.status, code: theirs.body.code, errors: theirs.body.errors };
      expect(seen).toEqual({ route: seen.route, status: missing.status, code: missing.body.code, errors: missing.body.errors });
      // a well-formed request is 404; a malformed, unversioned or unsupported one (an attachment that is not an image or PDF) is rejected before the case is looked up
      expect([404, 415, 422, 428]).toContain(theirs.status);
      if (!r.hasBody && r.method === 'get') expect(theirs.status).toBe(404);
    }
    const list = await t.http().get('/api/v1/cases').set(w.outsider.auth).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('lets the team manager read but not change (403) their team’s cases', async () => {
    for (const r of routes.filter(isCaseRoute)) {
      const res = await call(r, w.manager.auth);
      if (isWrite(r)) expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
      else expect({ route: `${r.method} ${r.path}`, ok: res.status < 400 || res.status === 404 }).toEqual({ route: `${r.method} ${r.path}`, ok: true });
    }
  });

  it('lets the team’s social worker read every case route', async () => {
    for (const r of routes.filter((x) => isCaseRoute(x) && !isWrite(x))) {
      const res = await call(r, w.worker.auth);
      // the child-voice attachment route answers 404 because cv1 has no attachment
      const expected = r.path.endsWith('/attachment') ? 404 : 200;
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: expected });
    }
  });

  it('keeps administration to admins (403 for every other role)', async () => {
    for (const who of [w.worker, w.manager, w.evaluator]) {
      for (const r of routes.filter(isAdminRoute)) {
        const res = await call(r, who.auth);
        expect({ who: who.username, route: `${r.method} ${r.path}`, status: res.status }).toEqual({ who: who.username, route: `${r.method} ${r.path}`, status: 403 });
      }
    }
    for (const r of routes.filter((x) => isAdminRoute(x) && !isWrite(x))) {
      await call(r, w.admin.auth).expect(200);
    }
  });

  it('keeps the evaluator toolkit to evaluators (403 for every other role)', async () => {
    const evaluation = routes.filter((r) => r.path.startsWith('/api/v1/evaluation') || (r.path.startsWith('/api/v1/instruments/') && r.path !== '/api/v1/instruments/{id}'));
    expect(evaluation.length).toBeGreaterThanOrEqual(10);
    for (const who of [w.worker, w.manager, w.admin]) {
      for (const r of evaluation) {
        const res = await call(r, who.auth);
        expect({ who: who.username, route: `${r.method} ${r.path}`, status: res.status }).toEqual({ who: who.username, route: `${r.method} ${r.path}`, status: 403 });
      }
    }
  });

  it('keeps audits to managers and workers (403 for admins and evaluators), rounds to managers', async () => {
    const auditRoutes = routes.filter((r) => r.path.startsWith('/api/v1/audit'));
    expect(auditRoutes.length).toBeGreaterThanOrEqual(12);
    for (const who of [w.admin, w.evaluator]) {
      for (const r of auditRoutes) {
        const res = await call(r, who.auth);
        expect({ who: who.username, route: `${r.method} ${r.path}`, status: res.status }).toEqual({ who: who.username, route: `${r.method} ${r.path}`, status: 403 });
      }
    }
    for (const r of routes.filter((x) => x.path.startsWith('/api/v1/audit-rounds'))) {
      const res = await call(r, w.worker.auth);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
  });

  it('lets the right roles at case files and fidelity, and no one else', async () => {
    const expectations: Array<[string, string, Record<string, number>]> = [
      ['post', '/api/v1/imports', { worker: 403, manager: 403, outsider: 403, admin: 422, evaluator: 422 }],
      ['get', '/api/v1/exports?site=S1', { worker: 403, manager: 200, outsider: 403, admin: 403, evaluator: 200 }],
      ['get', '/api/v1/fidelity?site=S1', { worker: 200, manager: 200, outsider: 200, admin: 403, evaluator: 200 }],
    ];
    for (const [method, path, byRole] of expectations) {
      for (const [who, status] of Object.entries(byRole)) {
        const actor = (w as unknown as Record<string, { auth: { Authorization: string } }>)[who];
        const req = t.http()[method as 'get' | 'post'](path).set(actor.auth);
        const res = method === 'post' ? await req.set('Content-Type', 'application/json').send('{}') : await req;
        expect({ who, path, status: res.status }).toEqual({ who, path, status });
      }
    }
    // a worker of another team sees none of team A's cases in a report or an export
    const report = await t.http().get('/api/v1/fidelity?site=S1').set(w.outsider.auth).expect(200);
    expect(report.body.cases).toEqual([]);
    const mine = await t.http().get('/api/v1/fidelity?site=S1').set(w.worker.auth).expect(200);
    expect(mine.body.cases.map((c: { ref: string }) => c.ref)).toEqual(['S1-0001']);
  });

  it('signs out, after which the token is refused; a disabled user is refused too', async () => {
    const signIn = await t.http().post('/api/v1/auth/sign-in').send({ username: 'colleague', password: 'correct horse battery staple' }).expect(200);
    const auth = { Authorization: `Bearer ${signIn.body.token}` };
    await t.http().get('/api/v1/auth/me').set(auth).expect(200).expect((r) => expect(r.body).toMatchObject({ username: 'colleague', role: 'social_worker' }));
    await t.http().post('/api/v1/auth/sign-out').set(auth).expect(204);
    await t.http().get('/api/v1/auth/me').set(auth).expect(401);
    await t.http().patch(`/api/v1/admin/users/${w.colleague.id}`).set(w.admin.auth).send({ disabled: true }).expect(200);
    await t.http().get('/api/v1/cases').set(w.colleague.auth).expect(401);
    await t.http().post('/api/v1/auth/sign-in').send({ username: 'colleague', password: 'correct horse battery staple' }).expect(401);
    await t.http().post('/api/v1/auth/sign-in').send({ username: 'worker', password: 'wrong password!' }).expect(401);
    await t.http().post('/api/v1/auth/sign-in').send({ username: 'nobody', password: 'wrong password!' }).expect(401);
  });

  it('expires tokens after their lifetime', async () => {
    const signIn = await t.http().post('/api/v1/auth/sign-in').send({ username: 'manager', password: 'correct horse battery staple' }).expect(200);
    expect(Date.parse(signIn.body.expiresAt) - Date.parse(t.clock.now())).toBe(7 * 24 * 60 * 60_000);
    t.clock.advance(7 * 24 * 60 * 60_000);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${signIn.body.token}`).expect(401);
  });
});
