import { TestApp, createTestApp } from './support/test-app';
import { Route, allRoutes, concrete } from './support/routes';
import { World, buildWorld, mappingData, openCase } from './support/world';

/** Bad input on every route gets a 4xx problem+json naming what is wrong; never a 500, never a partial write. */
describe('malformed input on every route (e2e)', () => {
  let t: TestApp;
  let w: World;
  let routes: Route[];
  let params: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    const caseId = await openCase(t, w);
    await t.http().post(`/api/v1/cases/${caseId}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData() }).expect(201);
    routes = await allRoutes(t);
    params = { caseId, recordId: 'm1', personId: 'p1', version: '1', userId: w.worker.id, site: 'S1', ref: 'S1-0001', id: 'no-such-instrument', roundId: '00000000-0000-4000-8000-000000000001', auditId: '00000000-0000-4000-8000-000000000002', notificationId: '00000000-0000-4000-8000-000000000003' };
  });
  afterAll(() => t.close());

  const authFor = (r: Route) =>
    r.path.startsWith('/api/v1/admin') || r.path === '/api/v1/imports' || (r.path === '/api/v1/instruments' && r.method === 'post')
      ? w.admin.auth
      : r.path.startsWith('/api/v1/evaluation') || r.path.startsWith('/api/v1/instruments')
        ? w.evaluator.auth
        : r.path.startsWith('/api/v1/audit')
          ? w.manager.auth
          : w.worker.auth;
  // a case file is read as a file, not parsed as a request body: its JSON errors are 422 with pointer '' (see casefile.e2e-spec)
  const parsedBody = (r: Route) => r.hasBody && !r.path.endsWith('/attachments') && r.path !== '/api/v1/imports';

  function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, route: string) {
    expect({ route, clientError: res.status >= 400 && res.status < 500 }).toEqual({ route, clientError: true });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: res.status, detail: expect.any(String), code: expect.any(String) }));
  }

  it('rejects syntactically broken JSON with 400 on every route with a body', async () => {
    expect(routes.filter((x) => x.hasBody).length).toBeGreaterThan(25);
    for (const r of routes.filter(parsedBody)) {
      for (const body of ['{"data": ', '{bad}', '\u0000', '{"a":1,}']) {
        const res = await t.http()[r.method](concrete(r.path, params)).set(authFor(r)).set('Content-Type', 'application/json').send(body);
        expectProblem(res, `${r.method} ${r.path}`);
        expect(res.body.code).toBe('MALFORMED_JSON');
      }
    }
  });

  it('rejects wrong shapes, unknown fields, wrong types and huge strings with a pointer to the field', async () => {
    const shapes: Array<[string, unknown]> = [
      ['array body', [1, 2]],
      ['string body', 'hello'],
      ['unknown field', { totallyUnknown: true }],
      ['wrong types', { data: 'x', version: 'three', reason: 42, username: 7, password: [], id: {}, role: 'wizard', toVersion: -1 }],
      ['huge string', { reason: 'x'.repeat(5000), data: { text: 'y'.repeat(30000) } }],
      ['null everywhere', { data: null, version: null, id: null }],
    ];
    for (const r of routes.filter((x) => x.hasBody && !x.path.endsWith('/attachments'))) {
      for (const [label, body] of shapes) {
        const res = await t.http()[r.method](concrete(r.path, params)).set(authFor(r)).set('Content-Type', 'application/json').send(JSON.stringify(body));
        expectProblem(res, `${r.method} ${r.path} (${label})`);
        if (res.status === 422 && label === 'unknown field') {
          expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/totallyUnknown', rule: 'unknownProperty' })]));
        }
      }
    }
  });

  it('refuses bodies over the size limit with 413', async () => {
    const res = await t.http().post(`/api/v1/cases/${params.caseId}/mappings`).set(w.worker.auth).set('Content-Type', 'application/json')
      .send(JSON.stringify({ data: mappingData({ harm: [{ text: 'z'.repeat(1_100_000) }] }) }));
    expectProblem(res, 'big body');
    expect(res.status).toBe(413);
  });

  it('rejects bad ids, versions and dates in paths and queries', async () => {
    const badParams: Array<[string, string, string]> = [
      ['caseId', 'not-a-uuid', '/path/caseId'],
      ['caseId', "1' OR '1'='1", '/path/caseId'],
      ['recordId', 'r'.repeat(200), '/path/recordId'],
      ['personId', 'p'.repeat(200), '/path/personId'],
      ['version', 'abc', '/path/version'],
      ['version', '0', '/path/version'],
      ['version', '99999999999999999999', '/path/version'],
      ['userId', 'nope', ''],
      ['roundId', 'not-a-round', '/path/roundId'],
      ['auditId', 'x'.repeat(300), '/path/auditId'],
    ];
    for (const r of routes) {
      for (const [name, value, pointer] of badParams) {
        if (!r.path.includes(`{${name}}`)) continue;
        const res = await t.http()[r.method](concrete(r.path, { ...params, [name]: value })).set(authFor(r)).send({});
        expectProblem(res, `${r.method} ${r.path} with ${name}=${value.slice(0, 20)}`);
        // with an (empty, so also invalid) body, either problem may be the one reported
        if (pointer && res.status === 422 && !r.hasBody) expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      }
    }
    const c = `/api/v1/cases/${params.caseId}`;
    for (const [path, pointer] of [
      [`${c}?asOf=2019-02-30T00:00:00Z`, '/asOf'],
      [`${c}?asOf=2019-02-01T00:00:00%2B01:00`, '/asOf'],
      [`${c}?asOf=`, '/asOf'],
      [`${c}?asOf=2019-02-01T24:00:00Z`, '/asOf'],
      [`${c}/mappings/m1?asOf=yesterday`, '/asOf'],
      [`${c}/history?page=-1`, '/page'],
      [`${c}/history?pageSize=100000`, '/pageSize'],
      [`${c}/mappings/m1/diff?from=x&to=1`, '/from'],
      [`${c}/mappings/m1/diff?to=1`, '/from'],
      ['/api/v1/cases?unknownFilter=1', '/unknownFilter'],
    ] as const) {
      const res = await t.http().get(path).set(w.worker.auth);
      expectProblem(res, path);
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });

  it('writes nothing when a request is rejected', async () => {
    const before = (await t.http().get(`/api/v1/cases/${params.caseId}/mappings/m1/history`).set(w.worker.auth).expect(200)).body.total;
    await t.http().put(`/api/v1/cases/${params.caseId}/mappings/m1`).set(w.worker.auth).send({ version: 1, data: mappingData({ participants: [{ personId: 'ghost', role: 'parent' }] }) }).expect(422);
    await t.http().put(`/api/v1/cases/${params.caseId}/mappings/m1`).set(w.worker.auth).send({ version: 1, data: { heldOn: '2020-13-01' } }).expect(422);
    const after = (await t.http().get(`/api/v1/cases/${params.caseId}/mappings/m1/history`).set(w.worker.auth).expect(200)).body.total;
    expect(after).toBe(before);
    const cases = (await t.http().get('/api/v1/cases').set(w.worker.auth).expect(200)).body.total;
    await t.http().post('/api/v1/cases').set(w.worker.auth)
      .send({ site: 'S1', ref: 'S1-0099', team: 'Team A', stage: 'child_protection', openedOn: '2020-01-02', people: [{ id: 'c1', role: 'child' }, { id: 'c1', role: 'parent' }] })
      .expect(422)
      .expect((r) => expect(r.body.errors[0]).toMatchObject({ pointer: '/people/1/id', rule: 'uniqueInCase' }));
    expect((await t.http().get('/api/v1/cases').set(w.worker.auth).expect(200)).body.total).toBe(cases);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.http().get('/api/v1/no-such-thing').set(w.worker.auth);
    expectProblem(res, 'unknown route');
    expect(res.status).toBe(404);
  });
});
