import { DemoSeeder } from '@mapwork/demo';
import { cli } from './support/cli';
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
    expect(plan.body.items[2].by).toBe(signIn.body.user.id);
    const diff = await t.http().get(`/api/v1/cases/${id}/safety-plans/sp1/diff?from=2&to=3`).set(auth).expect(200);
    expect(diff.body.changes.map((c: { path: string }) => c.path)).toEqual(expect.arrayContaining(['$.status', '$.lastReviewedOn']));

    const manager = await t.http().post('/api/v1/auth/sign-in').send({ username: 'morgan.manager', password: first.password }).expect(200);
    expect((await t.http().get('/api/v1/cases').set('Authorization', `Bearer ${manager.body.token}`).expect(200)).body.total).toBe(10);
    const admin = await t.http().post('/api/v1/auth/sign-in').send({ username: 'admin', password: first.password }).expect(200);
    expect((await t.http().get('/api/v1/admin/integrity').set('Authorization', `Bearer ${admin.body.token}`).expect(200)).body.ok).toBe(true);
  });

  it('tells the evaluation\'s case-record story: `mapwork fidelity --group-by site` over the stored demo', async () => {
    const json = await cli(['fidelity', '--group-by', 'site', '--as-of', '2020-03-31T17:00:00Z', '--format', 'json', '--database-url', t.databaseUrl]);
    const table = await cli(['fidelity', '--group-by', 'site', '--database-url', t.databaseUrl]);
    expect([json.code, table.code]).toEqual([0, 0]);
    const out = [json.out, table.out];
    const report = JSON.parse(out[0]) as { groups: Array<{ key: string; cases: number; indicators: Record<string, { met: number; applicable: number }> }> };
    const site = (key: string) => report.groups.find((g) => g.key === key)!;
    const met = (key: string, id: string) => site(key).indicators[id].met;
    const applicable = (key: string, id: string) => site(key).indicators[id].applicable;
    expect(report.groups.map((g) => [g.key, g.cases])).toEqual([['P1', 6], ['P7', 8], ['P8', 6], ['P9', 10]]);
    for (const key of ['P1', 'P7', 'P8', 'P9']) {
      const n = site(key).cases;
      // mapping in every case; a danger statement in every case, two or more in at most one
      expect(met(key, 'mapping_recorded')).toBe(n);
      expect(met(key, 'danger_statement_recorded')).toBe(n);
      expect(met(key, 'multiple_danger_statements')).toBeLessThanOrEqual(1);
    }
    // family involved in mapping: 1 of 10 (P9), 4 of 8 (P7), 3 of 6 (P8), 5 of 6 (P1)
    expect(['P1', 'P7', 'P8', 'P9'].map((k) => met(k, 'family_involved_in_mapping'))).toEqual([5, 4, 3, 1]);
    // safety plans in place: every case in P1 and P8, all but one in P7, 7 of 10 in P9
    expect(['P1', 'P7', 'P8', 'P9'].map((k) => met(k, 'safety_plan_in_place'))).toEqual([6, 7, 6, 7]);
    // existing strengths, existing safety, safety goals: all in P1 and P8, 6 of 8 in P7, 7 or 8 of 10 in P9
    for (const id of ['existing_strengths_recorded', 'existing_safety_recorded', 'safety_goals_recorded']) {
      expect([met('P1', id), met('P7', id), met('P8', id)]).toEqual([6, 6, 6]);
      expect([7, 8]).toContain(met('P9', id));
    }
    // plans reviewed as the case went on: every planned case in P1, P7, P8; about half in P9
    for (const key of ['P1', 'P7', 'P8']) expect(met(key, 'safety_plan_reviewed')).toBe(applicable(key, 'safety_plan_reviewed'));
    expect(met('P9', 'safety_plan_reviewed') / applicable('P9', 'safety_plan_reviewed')).toBeGreaterThanOrEqual(0.4);
    expect(met('P9', 'safety_plan_reviewed') / applicable('P9', 'safety_plan_reviewed')).toBeLessThanOrEqual(0.6);
    // family network meetings: every case in P1 and P8, 3 of 8 in P7, 1 of 10 in P9
    expect(['P1', 'P7', 'P8', 'P9'].map((k) => met(k, 'family_network_meeting_held'))).toEqual([6, 3, 6, 1]);
    // Three Houses or Words and Pictures on the system in at most one site
    const withVoice = ['P1', 'P7', 'P8', 'P9'].filter((k) => met(k, 'child_voice_recorded') + met(k, 'words_and_pictures_recorded') > 0);
    expect(withVoice.length).toBeLessThanOrEqual(1);
    // and the default, a table for people
    expect(out[1]).toMatch(/family_involved_in_mapping\s+5\/6 \(83%\)\s+4\/8 \(50%\)\s+3\/6 \(50%\)\s+1\/10 \(10%\)/);
  });
});
