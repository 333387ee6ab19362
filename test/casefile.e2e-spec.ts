import { cli } from './support/cli';
import { CaseFileExportService, SiteKeys } from '@mapwork/casefile';
import { TestApp, createTestApp } from './support/test-app';
import { normalForm } from './support/casefiles';
import { fixture, fixtureBytes, fixturePath, invalidFixtures } from './support/fixtures';
import { World, buildWorld } from './support/world';

describe('case-file import, export and fidelity over stored cases (e2e)', () => {
  let t: TestApp;
  let w: World;
  const post = (auth: { Authorization: string }, body: Buffer | string) =>
    // text, not a Buffer: superagent would serialise a Buffer as {"type":"Buffer",…} under a JSON content type
    t.http().post('/api/v1/imports').set(auth).set('Content-Type', 'application/json').send(Buffer.isBuffer(body) ? body.toString('utf8') : body);

  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('imports both valid fixtures, and importing again changes nothing', async () => {
    const first = await post(w.admin.auth, fixtureBytes('edge-cases.casefile.json')).expect(200);
    expect(first.body).toMatchObject({ site: 'EDGE', siteCreated: true, cases: { created: 19, merged: 0, unchanged: 0 } });
    const again = await post(w.admin.auth, fixtureBytes('edge-cases.casefile.json')).expect(200);
    expect(again.body).toMatchObject({ siteCreated: false, cases: { created: 0, merged: 0, unchanged: 19 }, revisions: { added: 0, alreadyStored: first.body.revisions.added } });
    await post(w.admin.auth, fixtureBytes('random-101.casefile.json')).expect(200);
  });

  it.each(['edge-cases.casefile.json', 'random-101.casefile.json'])('exports %s back equal to the file (round trip)', async (name) => {
    const file = fixture(name) as { exportedAt: string; site: { code: string } };
    const exported = await t.app.get(CaseFileExportService).toString(file.site.code, { asOf: file.exportedAt });
    expect(normalForm(JSON.parse(exported))).toEqual(normalForm(file));
  });

  it('scores stored cases exactly as the file (CLI --site and the API)', async () => {
    const expected = fixture('edge-cases.fidelity-by-team.json') as { cases: Array<{ ref: string; indicators: object; fidelity_index: number }>; groups: Array<{ key: string; cases: number; indicators: object }> };
    const res = await cli(['fidelity', '--site', 'EDGE', '--as-of', '2020-03-31T12:00:00Z', '--group-by', 'team', '--format', 'json', '--database-url', t.databaseUrl]);
    expect(res.code).toBe(0);
    const ours = JSON.parse(res.out);
    expect(ours.cases.map((c: { ref: string; indicators: object }) => [c.ref, c.indicators])).toEqual(expected.cases.map((c) => [c.ref, c.indicators]));
    expect(ours.groups.map((g: { key: string; indicators: object }) => [g.key, g.indicators])).toEqual(expected.groups.map((g) => [g.key, g.indicators]));

    // evaluators through the API: consented cases, workers pseudonymised, same indicators
    const api = await t.http().get('/api/v1/fidelity?site=EDGE&asOf=2020-03-31T12:00:00Z').set(w.evaluator.auth).expect(200);
    const consented = (fixture('edge-cases.casefile.json').cases as Array<{ ref: string; researchConsent?: boolean }>).filter((c) => c.researchConsent).map((c) => c.ref);
    expect(api.body.cases.map((c: { ref: string }) => c.ref)).toEqual(expected.cases.map((c) => c.ref).filter((r) => consented.includes(r)));
    expect(api.body.cases.every((c: { worker: string | null }) => c.worker === null || c.worker.startsWith('u-'))).toBe(true);
    for (const c of api.body.cases) expect(c.indicators).toEqual(expected.cases.find((e) => e.ref === c.ref)!.indicators);
    const csv = await t.http().get('/api/v1/fidelity?site=EDGE&asOf=2020-03-31T12:00:00Z&format=csv').set(w.evaluator.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^ref,site,team,worker,mapping_recorded,/);
    const html = await t.http().get('/api/v1/fidelity?site=EDGE&format=html&asOf=2020-03-31T12:00:00Z').set(w.evaluator.auth).expect(200);
    expect(html.text).toContain('<svg');
    await t.http().get('/api/v1/fidelity?site=EDGE&asOf=2019-02-30T00:00:00Z').set(w.evaluator.auth).expect(422);
    await t.http().get('/api/v1/fidelity?site=NOPE').set(w.evaluator.auth).expect(404);
    await t.http().get('/api/v1/fidelity').set(w.admin.auth).expect(403);
  });

  it('keeps every imported revision with its original instant, by the importer, with the source system\'s author kept, so history and as-of work', async () => {
    const teams = (await t.http().get('/api/v1/admin/teams').set(w.admin.auth).expect(200)).body as Array<{ id: string; site: string; name: string }>;
    const teamA = teams.find((x) => x.site === 'EDGE' && x.name === 'Team A')!;
    await t.http().patch(`/api/v1/admin/users/${w.manager.id}`).set(w.admin.auth).send({ teamIds: [w.teamA.id, teamA.id] }).expect(200);
    const list = await t.http().get('/api/v1/cases?site=EDGE&ref=E04-deleted-restored').set(w.manager.auth).expect(200);
    const id = list.body.items[0].id;
    const history = await t.http().get(`/api/v1/cases/${id}/mappings/m1/history`).set(w.manager.auth).expect(200);
    const file = (fixture('edge-cases.casefile.json').cases as Array<{ ref: string; records: Array<{ id: string; revisions: Array<{ at: string; by: string; data: unknown }> }> }>).find((c) => c.ref === 'E04-deleted-restored')!;
    const revs = file.records.find((r) => r.id === 'm1')!.revisions;
    expect(history.body.items.map((r: { at: string; by: string; source: { by: string; at: string } }) => [r.at, r.by, r.source]).reverse()).toEqual(
      revs.map((r) => [new Date(r.at).toISOString(), w.admin.id, { by: r.by, byName: null, at: new Date(r.at).toISOString() }]),
    );
    const then = await t.http().get(`/api/v1/cases/${id}/mappings/m1?asOf=${revs[0].at}`).set(w.manager.auth).expect(200);
    expect(then.body.data).toEqual(revs[0].data);
  });

  it('rejects each invalid fixture whole, naming the pointer, and stores nothing', async () => {
    const table = invalidFixtures();
    expect(table.length).toBe(12);
    for (const { file, pointer } of table) {
      const doc = fixture(`invalid/${file}`) as { site?: { code: string } };
      // a fresh site code, so "nothing stored" is visible as "no such site"
      const site = `INV-${file.slice(0, 20)}`;
      if (doc.site) doc.site.code = site;
      const res = await post(w.admin.auth, JSON.stringify(doc)).expect(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect({ file, pointers: res.body.errors.map((e: { pointer: string }) => e.pointer) }).toEqual({ file, pointers: expect.arrayContaining([pointer]) });
      const sites = (await t.http().get('/api/v1/admin/sites').set(w.admin.auth).expect(200)).body.map((s: { code: string }) => s.code);
      expect(sites).not.toContain(site);
    }
    const malformed = await post(w.admin.auth, '{"format": "sofs-casefile/1", "cases": [').expect(422);
    expect(malformed.body.errors[0]).toMatchObject({ pointer: '', rule: 'json' });
    await post(w.admin.auth, '').expect(422);
  });

  it('merges a later export of a site, and rejects a file that contradicts what is stored', async () => {
    const full = fixture('edge-cases.casefile.json') as { site: { code: string }; cases: Array<{ ref: string; people: Array<{ id: string; name?: string }>; records: Array<{ revisions: unknown[] }> }> };
    const early = structuredClone(full);
    early.site.code = 'MERGE';
    for (const c of early.cases) for (const r of c.records) r.revisions = r.revisions.slice(0, 1);
    early.cases = early.cases.slice(0, 10);
    const first = await post(w.admin.auth, JSON.stringify(early)).expect(200);
    const later = structuredClone(full);
    later.site.code = 'MERGE';
    const second = await post(w.admin.auth, JSON.stringify(later)).expect(200);
    expect(second.body.cases).toEqual({ created: 9, merged: expect.any(Number), unchanged: expect.any(Number) });
    const totalRevisions = full.cases.reduce((n, c) => n + c.records.reduce((m, r) => m + r.revisions.length, 0), 0);
    expect(first.body.revisions.added + second.body.revisions.added).toBe(totalRevisions);

    const contradicting = structuredClone(later);
    const i = contradicting.cases.findIndex((c) => c.records.length > 0);
    (contradicting.cases[i].records[0].revisions[0] as { by: string }).by = 'someone-else';
    const bad = await post(w.admin.auth, JSON.stringify(contradicting)).expect(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: `/cases/${i}/records/0/revisions/0`, rule: 'storedRevisionDiffers' })]);
    const renamed = structuredClone(later);
    renamed.cases[0].people[0].name = 'A Different Name';
    const person = await post(w.admin.auth, JSON.stringify(renamed)).expect(422);
    expect(person.body.errors[0]).toMatchObject({ pointer: '/cases/0/people/0', rule: 'personChanged' });
  });

  it('lets evaluators import only into evaluation workspaces', async () => {
    const doc = fixture('edge-cases.casefile.json') as { site: { code: string } };
    doc.site.code = 'EVAL-1';
    const res = await post(w.evaluator.auth, JSON.stringify(doc)).expect(200);
    expect(res.body.siteCreated).toBe(true);
    const sites = (await t.http().get('/api/v1/admin/sites').set(w.admin.auth).expect(200)).body as Array<{ code: string; kind: string }>;
    expect(sites.find((s) => s.code === 'EVAL-1')!.kind).toBe('evaluation');
    doc.site.code = 'S1';
    await post(w.evaluator.auth, JSON.stringify(doc)).expect(403);
    await post(w.worker.auth, JSON.stringify(doc)).expect(403);
    await post(w.manager.auth, JSON.stringify(doc)).expect(403);
  });

  it('exports pseudonymised: consented cases, no names, keyed ids, names in free text replaced; fidelity unchanged', async () => {
    const res = await t.http().get('/api/v1/exports?site=EDGE&asOf=2020-03-31T12:00:00Z').set(w.evaluator.auth).expect(200);
    const file = JSON.parse(res.text);
    const original = fixture('edge-cases.casefile.json') as { cases: Array<{ ref: string; researchConsent?: boolean; people: Array<{ name?: string }> }> };
    expect(file.cases.map((c: { ref: string }) => c.ref)).toEqual(original.cases.filter((c) => c.researchConsent).map((c) => c.ref).sort());
    const text = res.text;
    for (const c of original.cases) for (const p of c.people) if (p.name) expect(text).not.toContain(p.name);
    expect(text).not.toContain('"relationship"');
    expect(text).not.toContain('"sw-1"');
    for (const c of file.cases) for (const p of c.people) expect(p.id).toMatch(/^p-[0-9a-f]{24}$/);
    const again = await t.http().get('/api/v1/exports?site=EDGE&asOf=2020-03-31T12:00:00Z').set(w.evaluator.auth).expect(200);
    expect(again.text).toBe(res.text);

    // the pseudonymised file is itself a valid case file whose fidelity equals the original's
    const key = t.app.get(SiteKeys).keyFor('EDGE');
    expect(key.length).toBe(32);
    const { fidelityReport } = await import('@mapwork/fidelity');
    const ours = fidelityReport(file.cases.map((c: object) => ({ ...c, site: 'EDGE' })), { asOf: '2020-03-31T12:00:00Z' });
    const expected = fixture('edge-cases.fidelity.json') as { cases: Array<{ ref: string; indicators: object }> };
    for (const c of ours.cases) expect(c.indicators).toEqual(expected.cases.find((e) => e.ref === c.ref)!.indicators);
    const log = await t.http().get(`/api/v1/admin/access-log?userId=${w.evaluator.id}&pageSize=200`).set(w.admin.auth).expect(200);
    expect(log.body.items.filter((e: { event: string; userId: string }) => e.event === 'case.export' && e.userId === w.evaluator.id).length).toBeGreaterThanOrEqual(file.cases.length);
    await t.http().get('/api/v1/exports?site=EDGE').set(w.admin.auth).expect(403);
    await t.http().get('/api/v1/exports?site=NOPE').set(w.evaluator.auth).expect(404);
  });

  it('imports and exports from the command line, pseudonymising under a key file', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'mapwork-cli-'));
    const doc = fixture('edge-cases.casefile.json') as { site: { code: string } };
    doc.site.code = 'CLI';
    writeFileSync(join(dir, 'in.json'), JSON.stringify(doc));
    const imported = await cli(['import', join(dir, 'in.json'), '--database-url', t.databaseUrl]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/19 cases created/);
    const rejected = await cli(['import', fixturePath('invalid/wrong-format.casefile.json'), '--database-url', t.databaseUrl]);
    expect(rejected.code).toBe(1);
    expect(rejected.err).toMatch(/\/format/);
    writeFileSync(join(dir, 'site.key'), Buffer.alloc(32, 7).toString('base64'));
    const exported = await cli(['export', '--site', 'CLI', '--pseudonymise', '--key-file', join(dir, 'site.key'), '--out', join(dir, 'out.json'), '--database-url', t.databaseUrl]);
    expect(exported.code).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(out.cases[0].people[0].name).toBeNull();
    expect((await cli(['export', '--site', 'CLI', '--pseudonymise', '--database-url', t.databaseUrl])).code).toBe(2);
  });
});
