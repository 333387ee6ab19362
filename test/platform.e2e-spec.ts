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
    expect(first).toMatchObject({ seeded: true, cases: 2 });
    expect((await seeder.seedIfEmpty()).seeded).toBe(false);

    const signIn = await t.http().post('/api/v1/auth/sign-in').send({ username: 'sam.worker', password: first.password }).expect(200);
    const auth = { Authorization: `Bearer ${signIn.body.token}` };
    const cases = (await t.http().get('/api/v1/cases').set(auth).expect(200)).body;
    expect(cases.items.map((c: { ref: string }) => c.ref)).toEqual(['DEMO-0001']);
    const id = cases.items[0].id;
    const plan = await t.http().get(`/api/v1/cases/${id}/safety-plans/sp1/history`).set(auth).expect(200);
    expect(plan.body.total).toBe(3);
    expect(plan.body.items[0]).toMatchObject({ at: '2019-04-15T17:05:00.000Z', by: signIn.body.user.id });
    const recordsAt = async (asOf: string) =>
      (await t.http().get(`/api/v1/cases/${id}?asOf=${asOf}`).set(auth).expect(200)).body.records.map((r: { id: string; version: number }) => `${r.id}@${r.version}`).sort();
    expect(await recordsAt('2019-02-05T00:00:00Z')).toEqual(['m1@1']);
    expect(await recordsAt('2019-02-12T00:00:00Z')).toEqual(['cv1@1', 'm1@2']);
    expect(await recordsAt('2019-03-01T00:00:00Z')).toEqual(['cv1@1', 'm1@2', 'nm1@2', 'sp1@2']);
    const diff = await t.http().get(`/api/v1/cases/${id}/mappings/m1/diff?from=1&to=2`).set(auth).expect(200);
    expect(diff.body.changes.length).toBeGreaterThan(3);

    const manager = await t.http().post('/api/v1/auth/sign-in').send({ username: 'morgan.manager', password: first.password }).expect(200);
    const both = (await t.http().get('/api/v1/cases').set('Authorization', `Bearer ${manager.body.token}`).expect(200)).body;
    expect(both.total).toBe(2);
    const admin = await t.http().post('/api/v1/auth/sign-in').send({ username: 'admin', password: first.password }).expect(200);
    const integrity = await t.http().get('/api/v1/admin/integrity').set('Authorization', `Bearer ${admin.body.token}`).expect(200);
    expect(integrity.body.ok).toBe(true);
  });
});
