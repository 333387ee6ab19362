import { DemoSeeder } from '@mapwork/demo';
import { TestApp, createTestApp } from './support/test-app';

describe('the platform: health, OpenAPI, demo data (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('reports health with the database reachable, without sign-in', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('publishes an OpenAPI document with real schemas and responses for every operation', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, ops] of Object.entries<Record<string, { responses?: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect({ op: `${method} ${path}`, responses: Object.keys(op.responses ?? {}).length > 0 }).toEqual({ op: `${method} ${path}`, responses: true });
      }
    }
    const schemas = doc.components.schemas;
    for (const name of ['MappingDataDto', 'SafetyPlanDataDto', 'NetworkMeetingDataDto', 'ChildVoiceDataDto', 'CreateMappingDto', 'UpdateSafetyPlanDto', 'CaseDocumentDto', 'HistoryPageDto', 'DiffDto']) {
      expect(schemas[name]).toBeDefined();
    }
    expect(schemas.ScaleRatingDto.properties.score).toMatchObject({ minimum: 0, maximum: 10 });
    expect(schemas.MappingDataDto.required).toEqual(expect.arrayContaining(['heldOn', 'kind', 'dangerStatements', 'scaleRatings']));
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    await t.http().get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('loads the demo organisation and cases once, with their histories', async () => {
    const seeder = t.app.get(DemoSeeder);
    const first = await seeder.seedIfEmpty();
    expect(first).toMatchObject({ seeded: true, cases: 30 });
    expect((await seeder.seedIfEmpty()).seeded).toBe(false);

    const signIn = await t.http().post('/api/v1/auth/sign-in').send({ username: 'sam.worker', password: first.password }).expect(200);
    const auth = { Authorization: `Bearer ${signIn.body.token}` };
    const cases = (await t.http().get('/api/v1/cases').set(auth).expect(200)).body;
    expect(cases.items.map((c: { ref: string }) => c.ref)).toEqual(['P9-0001', 'P9-0003', 'P9-0005', 'P9-0007', 'P9-0009']);
    const id = cases.items[0].id;
    const plan = await t.http().get(`/api/v1/cases/${id}/safety-plans/sp1/history`).set(auth).expect(200);
    expect(plan.body.total).toBe(3);
    // the demo's revisions are by the loader that imported them; the worker who wrote each is kept as its source
    expect(plan.body.items[2]).toMatchObject({ by: 'system:demo-loader', source: { by: signIn.body.user.id } });
    const diff = await t.http().get(`/api/v1/cases/${id}/safety-plans/sp1/diff?from=2&to=3`).set(auth).expect(200);
    expect(diff.body.changes.map((c: { path: string }) => c.path)).toEqual(expect.arrayContaining(['$.status', '$.lastReviewedOn']));

    const manager = await t.http().post('/api/v1/auth/sign-in').send({ username: 'morgan.manager', password: first.password }).expect(200);
    expect((await t.http().get('/api/v1/cases').set('Authorization', `Bearer ${manager.body.token}`).expect(200)).body.total).toBe(10);
    const admin = await t.http().post('/api/v1/auth/sign-in').send({ username: 'admin', password: first.password }).expect(200);
    expect((await t.http().get('/api/v1/admin/integrity').set('Authorization', `Bearer ${admin.body.token}`).expect(200)).body.ok).toBe(true);
  });
});
