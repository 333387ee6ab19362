import fc from 'fast-check';
import { CaseFileExportService, caseFileProblems } from '@mapwork/casefile';
import { TestApp, createTestApp } from './support/test-app';
import { caseFileArb } from './support/casefile-arbitrary';
import { normalForm } from './support/casefiles';
import { World, buildWorld } from './support/world';

describe('export(import(f)) equals f for generated files (property, e2e)', () => {
  let t: TestApp;
  let w: World;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('round-trips, and a second import changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(caseFileArb('G'), async (generated) => {
        // a site of its own for every run (shrinking replays values, so the code is set here)
        const site = `G${++n}`;
        const file = JSON.parse(JSON.stringify(generated).replaceAll('"G-', `"${site}-`)) as typeof generated;
        (file.site as { code: string }).code = site;
        expect(caseFileProblems(file)).toEqual([]);
        const body = JSON.stringify(file);
        const first = await t.http().post('/api/v1/imports').set(w.admin.auth).set('Content-Type', 'application/json').send(body);
        expect({ status: first.status, body: first.status === 200 ? null : first.body }).toEqual({ status: 200, body: null });
        const exported = await t.app.get(CaseFileExportService).toString(site, { asOf: file.exportedAt as string });
        expect(normalForm(JSON.parse(exported))).toEqual(normalForm(file));
        const second = await t.http().post('/api/v1/imports').set(w.admin.auth).set('Content-Type', 'application/json').send(body).expect(200);
        expect(second.body.revisions.added).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
