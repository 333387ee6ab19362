import fc from 'fast-check';
import { UsersService } from '@mapwork/auth';
import { OpenApiDocument, bodyFor, operationOf, pathValue, queryFor } from './support/hostile';
import { Route, allRoutes } from './support/routes';
import { TEST_DIALECT, TestApp, createTestApp } from './support/test-app';
import { PASSWORD, World, buildWorld, childVoiceData, mappingData, networkMeetingData, openCase, safetyPlanData } from './support/world';

/** Fixed, so a failure can be replayed: it is printed with every failing request. */
const SEED = 1_764_450_013;
/** Requests per route and caller; `MAPWORK_FUZZ_RUNS=20` for a longer hunt. */
const RUNS = Number(process.env.MAPWORK_FUZZ_RUNS ?? 2);

type Auth = Record<string, string>;

/**
 * Every route of the OpenAPI document, as every kind of caller (nobody, each role, a
 * disabled user, an expired and a forged token), with bodies, path parameters and
 * queries drawn by fast-check from the document's own schemas and gone wrong: wrong
 * types, extreme numbers, NUL, unpaired surrogates, direction overrides, long text,
 * deep nesting, prototype keys, bytes that are not UTF-8, percent-encoding garbage and
 * traversal. None gets a 5xx; every 4xx is problem+json.
 */
describe(`hostile requests on every route as every caller (e2e, ${TEST_DIALECT})`, () => {
  let t: TestApp;
  let w: World;
  let doc: OpenApiDocument;
  let routes: Route[];
  let callers: Array<[string, Auth]>;
  let params: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    const users = t.app.get(UsersService);
    const caseId = await openCase(t, w);
    const base = `/api/v1/cases/${caseId}`;
    const png = Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n three houses')]);
    const { sha256 } = (await t.http().post(`${base}/attachments`).set(w.worker.auth).set('Content-Type', 'image/png').send(png).expect(201)).body;
    for (const [kind, id, data] of [
      ['mappings', 'm1', mappingData()],
      ['safety-plans', 'sp1', safetyPlanData()],
      ['network-meetings', 'nm1', networkMeetingData()],
      ['child-voice', 'cv1', childVoiceData({ attachment: { name: 'houses.png', mediaType: 'image/png', sha256 } })],
    ] as const) {
      await t.http().post(`${base}/${kind}`).set(w.worker.auth).send({ id, data }).expect(201);
    }
    const instrument = { id: 'engagement', name: 'Engagement', scale: { min: 1, max: 5 }, respondentKinds: ['parent'], items: [{ id: 'q1' }, { id: 'q2', reverse: true }], subscales: [{ id: 's', name: 'S', items: ['q1', 'q2'] }] };
    await t.http().post('/api/v1/instruments').set(w.admin.auth).send({ definition: instrument }).expect(201);
    await t.http().put('/api/v1/evaluation/scoring-sheets/S1/S1-0001').set(w.evaluator.auth).send({ judgements: { mapping_recorded: { value: true } } }).expect(200);
    t.clock.advance(60_000);
    const round = await t.http().post('/api/v1/audit-rounds').set(w.manager.auth)
      .send({ name: 'Fuzzed', teamIds: [w.teamA.id], asOf: '2020-01-06T09:00:30Z', sample: { kind: 'named', cases: [{ site: 'S1', ref: 'S1-0001' }] }, dueOn: '2020-02-01' }).expect(201);
    const drawn = await t.http().post(`/api/v1/audit-rounds/${round.body.id}/draw`).set(w.manager.auth).expect(200);
    // an account for administration to be tried on, so the callers above keep their roles
    const target = await users.createUser({ username: 'target', displayName: 'Target', role: 'social_worker', password: PASSWORD, teamIds: [w.teamB.id] });
    await users.createUser({ username: 'leaver', displayName: 'Leaver', role: 'social_worker', password: PASSWORD, teamIds: [w.teamA.id] });
    const leaver = await t.http().post('/api/v1/auth/sign-in').send({ username: 'leaver', password: PASSWORD }).expect(200);
    await t.http().patch(`/api/v1/admin/users/${leaver.body.user.id}`).set(w.admin.auth).send({ disabled: true }).expect(200);
    const now = t.clock.now();
    t.clock.set('2019-12-01T09:00:00.000Z');
    const expired = await t.http().post('/api/v1/auth/sign-in').send({ username: 'colleague', password: PASSWORD }).expect(200);
    t.clock.set(now);

    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    routes = await allRoutes(t);
    callers = [
      ['nobody', {}],
      ['worker', w.worker.auth],
      ['worker of another team', w.outsider.auth],
      ['manager', w.manager.auth],
      ['evaluator', w.evaluator.auth],
      ['admin', w.admin.auth],
      ['disabled user', { Authorization: `Bearer ${leaver.body.token}` }],
      ['expired token', { Authorization: `Bearer ${expired.body.token}` }],
      ['forged token', { Authorization: 'Bearer mw_00000000000000000000000000000000' }],
    ];
    params = { caseId, personId: 'p1', version: '1', userId: target.id, site: 'S1', ref: 'S1-0001', id: 'engagement', roundId: round.body.id, auditId: drawn.body.audits[0].id };
  });
  afterAll(() => t.close());

  const recordOf = (path: string) => ({ 'child-voice': 'cv1', 'safety-plans': 'sp1', 'network-meetings': 'nm1' })[path.split('/')[5]] ?? 'm1';

  it('answers every request below 500, and every refusal as problem+json', async () => {
    const combos = routes.flatMap((route) => callers.map((caller) => ({ route, caller })));
    expect(combos.length).toBeGreaterThan(900);
    const failures: string[] = [];
    let sent = 0;
    for (const [index, { route, caller }] of combos.entries()) {
      const op = operationOf(doc, route.path, route.method);
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const request = fc.record({
        path: fc.tuple(...names.map((name) => pathValue(name === 'recordId' ? recordOf(route.path) : params[name]))).map((values) =>
          values.reduce((path, value, i) => path.replace(`{${names[i]}}`, value), route.path),
        ),
        query: fc.option(queryFor(op.query), { nil: '' }),
        body: route.hasBody
          ? op.binary
            ? fc.record({ contentType: fc.constantFrom('image/png', 'application/octet-stream', 'text/html', 'image/svg+xml'), bytes: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) })
            : bodyFor(op.body, doc)
          : fc.option(bodyFor(undefined, doc), { nil: undefined, freq: 4 }),
      });
      for (const input of fc.sample(request, { seed: SEED + index, numRuns: RUNS })) {
        const url = input.query ? `${input.path}?${input.query}` : input.path;
        let req = t.http()[route.method](url).set(caller[1]);
        if (input.body) {
          if (input.body.contentType) req = req.set('Content-Type', input.body.contentType);
          req = req.serialize((bytes: Buffer) => bytes as unknown as string).send(input.body.bytes);
        }
        const res = await req;
        sent++;
        const problem = res.status < 400 || (/^application\/problem\+json/.test(res.headers['content-type'] ?? '') && res.body?.status === res.status && typeof res.body?.code === 'string');
        if (res.status >= 500 || !problem) {
          const body = input.body ? `${input.body.contentType} ${input.body.bytes.toString('latin1').slice(0, 160)}` : '';
          failures.push(`seed ${SEED + index} (run ${RUNS}): ${caller[0]} ${route.method.toUpperCase()} ${url.slice(0, 200)} ${body} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(sent).toBe(combos.length * RUNS);
    expect(failures).toEqual([]);
  }, 180_000 * RUNS);
});
