import fc from 'fast-check';
import { applyChanges } from '@mapwork/revisions';
import { TestApp, createTestApp } from './support/test-app';
import { World, buildWorld, mappingData, openCase } from './support/world';

type Edit =
  | { kind: 'update'; strengths: string[]; statements: string[]; score: number; gapMs: number }
  | { kind: 'delete'; gapMs: number }
  | { kind: 'restore'; gapMs: number }
  | { kind: 'revert'; back: number; gapMs: number };

const gap = fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 60_000, max: 3_600_000 }));
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('update' as const), strengths: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), statements: fc.shuffledSubarray(['d1', 'd2', 'd3', 'd4']), score: fc.integer({ min: 0, max: 10 }), gapMs: gap }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), gapMs: gap }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), gapMs: gap }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revert' as const), back: fc.integer({ min: 1, max: 4 }), gapMs: gap }) },
);

describe('history reconstructs what was written (property, e2e)', () => {
  let t: TestApp;
  let w: World;
  let caseId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    caseId = await openCase(t, w);
  });
  afterAll(() => t.close());

  it('as at the instant of each revision, a record equals the state written then; diffs replay versions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
        const id = `m-prop-${++n}`;
        const base = `/api/v1/cases/${caseId}/mappings/${id}`;
        const written: Array<{ version: number; at: string; state: unknown }> = [];
        const created = await t.http().post(`/api/v1/cases/${caseId}/mappings`).set(w.worker.auth).send({ id, data: mappingData() }).expect(201);
        written.push({ version: 1, at: created.body.lastChange.at, state: created.body.data });
        let version = 1;
        let deleted = false;
        for (const e of edits) {
          t.clock.advance(e.gapMs);
          let res;
          if (e.kind === 'update') {
            const data = mappingData({
              existingStrengths: e.strengths.map((text) => ({ text })),
              dangerStatements: e.statements.map((sid) => ({ id: sid, text: `statement ${sid}` })),
              safetyGoals: [],
              scaleRatings: [{ raterRole: 'professional', score: e.score }],
            });
            res = await t.http().put(base).set(w.worker.auth).set('If-Match', `"${version}"`).send({ data });
            expect(res.status).toBe(deleted ? 410 : 200);
          } else if (e.kind === 'delete') {
            res = await t.http().delete(base).set(w.worker.auth).set('If-Match', `"${version}"`);
            expect(res.status).toBe(deleted ? 410 : 200);
          } else if (e.kind === 'restore') {
            res = await t.http().post(`${base}/restore`).set(w.worker.auth).send({ version });
            expect(res.status).toBe(deleted ? 200 : 409);
          } else {
            const target = Math.max(1, version - e.back);
            res = await t.http().post(`${base}/revert`).set(w.worker.auth).send({ version, toVersion: target });
            expect(res.status).toBe(written[target - 1].state === null ? 422 : 200);
          }
          if (res.status !== 200) continue;
          version = res.body.version;
          deleted = !!res.body.deleted;
          written.push({ version, at: res.body.lastChange.at, state: res.body.data });
        }

        for (let i = 0; i < written.length; i++) {
          const { at, state, version: v } = written[i];
          const then = await t.http().get(`${base}?asOf=${at}`).set(w.worker.auth);
          if (state === null) expect(then.status).toBe(404);
          else expect({ v, status: then.status, data: then.body.data }).toEqual({ v, status: 200, data: state });
          const justBefore = new Date(Date.parse(at) - 1).toISOString();
          const before = await t.http().get(`${base}?asOf=${justBefore}`).set(w.worker.auth);
          const previous = i === 0 ? null : written[i - 1].state;
          if (previous === null) expect(before.status).toBe(404);
          else expect(before.body.data).toEqual(previous);
          if (i > 0) {
            const diff = await t.http().get(`${base}/diff?from=${written[i - 1].version}&to=${v}`).set(w.worker.auth).expect(200);
            expect(applyChanges(written[i - 1].state, diff.body.changes)).toEqual(state);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
