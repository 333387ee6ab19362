import { createHash } from 'node:crypto';
import { TestApp, createTestApp } from './support/test-app';
import { World, buildWorld, childVoiceData, mappingData, networkMeetingData, openCase, safetyPlanData } from './support/world';

describe('case recording with revision history (e2e)', () => {
  let t: TestApp;
  let w: World;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    caseId = await openCase(t, w);
  });
  afterAll(() => t.close());

  const types = [
    { path: 'mappings', type: 'mapping', data: mappingData, change: (d: Record<string, unknown>) => ({ ...d, kind: 'review', existingSafety: [] }) },
    { path: 'safety-plans', type: 'safety_plan', data: safetyPlanData, change: (d: Record<string, unknown>) => ({ ...d, status: 'agreed', agreedOn: '2020-01-20' }) },
    { path: 'network-meetings', type: 'network_meeting', data: networkMeetingData, change: (d: Record<string, unknown>) => ({ ...d, status: 'held', outcome: 'plan agreed' }) },
    { path: 'child-voice', type: 'child_voice', data: childVoiceData, change: (d: Record<string, unknown>) => ({ ...d, tool: 'words_and_pictures' }) },
  ];

  describe.each(types)('$path', ({ path, type, data, change }) => {
    const base = () => `/api/v1/cases/${caseId}/${path}`;

    it('creates, reads, updates and lists', async () => {
      const created = await t.http().post(base()).set(w.worker.auth).send({ data: data(), reason: 'first record' }).expect(201);
      expect(created.body).toMatchObject({ caseId, type, version: 1, data: data() });
      expect(created.body.lastChange).toMatchObject({ by: w.worker.id, reason: 'first record' });
      const id = created.body.id as string;

      const read = await t.http().get(`${base()}/${id}`).set(w.worker.auth).expect(200);
      expect(read.body.data).toEqual(data());

      t.clock.advance(60_000);
      const updated = await t.http().put(`${base()}/${id}`).set(w.worker.auth).set('If-Match', '"1"').send({ data: change(data()), reason: 'after review' }).expect(200);
      expect(updated.body).toMatchObject({ version: 2, data: change(data()) });

      const list = await t.http().get(base()).set(w.manager.auth).expect(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(id);
    });
  });

  it('gives a stale update 409 with the current state, and keeps the other writer’s change', async () => {
    const base = `/api/v1/cases/${caseId}/mappings`;
    const created = await t.http().post(base).set(w.worker.auth).send({ id: 'm-race', data: mappingData() }).expect(201);
    expect(created.body.id).toBe('m-race');
    const first = mappingData({ existingStrengths: [{ text: 'written by the worker' }] });
    const second = mappingData({ existingStrengths: [{ text: 'written by the colleague' }] });
    t.clock.advance(1000);
    await t.http().put(`${base}/m-race`).set(w.worker.auth).send({ data: first, version: 1 }).expect(200);
    const stale = await t.http().put(`${base}/m-race`).set(w.colleague.auth).set('If-Match', '"1"').send({ data: second }).expect(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', status: 409, basedOnVersion: 1, currentVersion: 2 });
    expect(stale.body.currentState.existingStrengths).toEqual([{ text: 'written by the worker' }]);
    const now = await t.http().get(`${base}/m-race`).set(w.worker.auth).expect(200);
    expect(now.body.data.existingStrengths).toEqual([{ text: 'written by the worker' }]);
    expect(now.body.version).toBe(2);
  });

  it('resolves concurrent writers with exactly one winner', async () => {
    const base = `/api/v1/cases/${caseId}/safety-plans`;
    await t.http().post(base).set(w.worker.auth).send({ id: 'sp-race', data: safetyPlanData() }).expect(201);
    t.clock.advance(1000);
    const attempts = await Promise.all(
      ['one', 'two', 'three', 'four'].map((who) =>
        t.http().put(`${base}/sp-race`).set(w.worker.auth).set('If-Match', '"1"').send({ data: safetyPlanData({ rules: [{ text: who, ensuredBy: ['p1'] }] }) }),
      ),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const history = await t.http().get(`${base}/sp-race/history`).set(w.worker.auth).expect(200);
    expect(history.body.total).toBe(2);
  });

  it('requires the base version for changes (428 without one)', async () => {
    const base = `/api/v1/cases/${caseId}/mappings`;
    await t.http().post(base).set(w.worker.auth).send({ id: 'm-428', data: mappingData() }).expect(201);
    const res = await t.http().put(`${base}/m-428`).set(w.worker.auth).send({ data: mappingData() }).expect(428);
    expect(res.body.code).toBe('VERSION_REQUIRED');
    const bad = await t.http().put(`${base}/m-428`).set(w.worker.auth).set('If-Match', 'banana').send({ data: mappingData() }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/headers/if-match', rule: 'versionTag' });
    const disagree = await t.http().put(`${base}/m-428`).set(w.worker.auth).set('If-Match', '"1"').send({ data: mappingData(), version: 2 }).expect(422);
    expect(disagree.body.errors[0].pointer).toBe('/version');
  });

  it('keeps history, diffs versions and shows the record as at any instant', async () => {
    const base = `/api/v1/cases/${caseId}/mappings`;
    t.clock.set('2020-01-07T10:00:00.000Z');
    const v1 = mappingData({ dangerStatements: [{ id: 'd1', text: 'first' }, { id: 'd2', text: 'second' }], safetyGoals: [] });
    await t.http().post(base).set(w.worker.auth).send({ id: 'm-hist', data: v1, reason: 'initial' }).expect(201);
    t.clock.set('2020-01-08T10:00:00.000Z');
    const v2 = mappingData({ dangerStatements: [{ id: 'd2', text: 'second, reworded' }, { id: 'd3', text: 'third' }], safetyGoals: [] });
    await t.http().put(`${base}/m-hist`).set(w.colleague.auth).send({ data: v2, version: 1, reason: 'reworded' }).expect(200);
    t.clock.set('2020-01-09T10:00:00.000Z');
    await t.http().delete(`${base}/m-hist`).set(w.worker.auth).set('If-Match', '"2"').send({ reason: 'recorded on the wrong case' }).expect(200);

    const history = await t.http().get(`${base}/m-hist/history?pageSize=2`).set(w.manager.auth).expect(200);
    expect(history.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(history.body.items.map((r: { version: number }) => r.version)).toEqual([3, 2]);
    expect(history.body.items[0]).toMatchObject({ state: null, by: w.worker.id, reason: 'recorded on the wrong case', at: '2020-01-09T10:00:00.000Z' });
    expect(history.body.items[1]).toMatchObject({ by: w.colleague.id, reason: 'reworded', prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const page2 = await t.http().get(`${base}/m-hist/history?pageSize=2&page=2`).set(w.worker.auth).expect(200);
    expect(page2.body.items.map((r: { version: number }) => r.version)).toEqual([1]);

    const one = await t.http().get(`${base}/m-hist/versions/1`).set(w.worker.auth).expect(200);
    expect(one.body.state).toEqual(v1);

    const diff = await t.http().get(`${base}/m-hist/diff?from=1&to=2`).set(w.worker.auth).expect(200);
    expect(diff.body.changes).toEqual([
      { op: 'removed', path: '$.dangerStatements[id="d1"]', segments: ['dangerStatements', { id: 'd1' }], oldValue: { id: 'd1', text: 'first' } },
      { op: 'changed', path: '$.dangerStatements[id="d2"].text', segments: ['dangerStatements', { id: 'd2' }, 'text'], oldValue: 'second', newValue: 'second, reworded' },
      { op: 'added', path: '$.dangerStatements[id="d3"]', segments: ['dangerStatements', { id: 'd3' }], value: { id: 'd3', text: 'third' }, index: 1 },
    ]);
    expect(diff.body.from).toMatchObject({ version: 1, by: w.worker.id, deleted: false });

    const at = (asOf: string) => t.http().get(`${base}/m-hist?asOf=${asOf}`).set(w.worker.auth);
    expect((await at('2020-01-07T10:00:00Z').expect(200)).body.data).toEqual(v1);
    expect((await at('2020-01-08T09:59:59.999Z').expect(200)).body.data).toEqual(v1);
    expect((await at('2020-01-08T10:00:00Z').expect(200)).body.data).toEqual(v2);
    await at('2020-01-07T09:00:00Z').expect(404);
    await at('2020-01-09T10:00:00Z').expect(404);
    await t.http().get(`${base}/m-hist`).set(w.worker.auth).expect(200).expect((r) => expect(r.body).toMatchObject({ deleted: true, data: null }));

    const caseThen = await t.http().get(`/api/v1/cases/${caseId}?asOf=2020-01-08T12:00:00Z`).set(w.worker.auth).expect(200);
    expect(caseThen.body.asOf).toBe('2020-01-08T12:00:00Z');
    expect(caseThen.body.records.find((r: { id: string }) => r.id === 'm-hist').data).toEqual(v2);
    const caseNow = await t.http().get(`/api/v1/cases/${caseId}`).set(w.worker.auth).expect(200);
    expect(caseNow.body.records.find((r: { id: string }) => r.id === 'm-hist')).toBeUndefined();
    await t.http().get(`/api/v1/cases/${caseId}?asOf=2020-01-01T00:00:00Z`).set(w.worker.auth).expect(404);
  });

  it('restores a deleted record, refuses to change it while deleted, and reverts to an earlier version', async () => {
    const base = `/api/v1/cases/${caseId}/mappings`;
    t.clock.set('2020-01-10T10:00:00.000Z');
    const gone = await t.http().put(`${base}/m-hist`).set(w.worker.auth).send({ data: mappingData(), version: 3 }).expect(410);
    expect(gone.body).toMatchObject({ code: 'GONE', currentVersion: 3 });
    await t.http().post(`${base}/m-hist/restore`).set(w.worker.auth).send({ version: 3, reason: 'it was the right case after all' }).expect(200)
      .expect((r) => expect(r.body).toMatchObject({ version: 4, data: { dangerStatements: [{ id: 'd2' }, { id: 'd3' }] } }));
    await t.http().post(`${base}/m-hist/restore`).set(w.worker.auth).send({ version: 4 }).expect(409);
    const reverted = await t.http().post(`${base}/m-hist/revert`).set(w.worker.auth).set('If-Match', '"4"').send({ toVersion: 1, reason: 'undo the rewording' }).expect(200);
    expect(reverted.body.version).toBe(5);
    expect(reverted.body.data.dangerStatements.map((d: { id: string }) => d.id)).toEqual(['d1', 'd2']);
    const deletion = await t.http().post(`${base}/m-hist/revert`).set(w.worker.auth).send({ version: 5, toVersion: 3 }).expect(422);
    expect(deletion.body.errors[0]).toMatchObject({ pointer: '/toVersion', rule: 'versionHasState' });
    await t.http().post(`${base}/m-hist/revert`).set(w.worker.auth).send({ version: 5, toVersion: 99 }).expect(404);
  });

  it('checks cross-references with a 422 naming the field', async () => {
    const base = `/api/v1/cases/${caseId}`;
    const expectProblem = async (path: string, data: object, pointer: string, rule: string) => {
      const res = await t.http().post(`${base}/${path}`).set(w.worker.auth).send({ data }).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer, rule })]));
    };
    await expectProblem('mappings', mappingData({ participants: [{ personId: 'zz', role: 'parent' }] }), '/data/participants/0/personId', 'personOfCase');
    await expectProblem('mappings', mappingData({ participants: [{ personId: 'n1', role: 'parent' }] }), '/data/participants/0/role', 'roleOfPerson');
    await expectProblem('mappings', mappingData({ safetyGoals: [{ id: 'g1', text: 'x', addresses: ['d9'] }] }), '/data/safetyGoals/0/addresses/0', 'dangerStatementOfMapping');
    await expectProblem('mappings', mappingData({ dangerStatements: [{ id: 'd1', text: 'a' }, { id: 'd1', text: 'b' }] }), '/data/dangerStatements/1/id', 'uniqueId');
    await expectProblem('mappings', mappingData({ scaleRatings: [{ raterRole: 'parent', personId: 'nobody', score: 5 }] }), '/data/scaleRatings/0/personId', 'personOfCase');
    await expectProblem('safety-plans', safetyPlanData({ rules: [{ text: 'r', ensuredBy: ['p1', 'ghost'] }] }), '/data/rules/0/ensuredBy/1', 'personOfCase');
    await expectProblem('safety-plans', safetyPlanData({ network: [{ personId: 'ghost' }] }), '/data/network/0/personId', 'personOfCase');
    await expectProblem('network-meetings', networkMeetingData({ attendees: [{ personId: 'f1', role: 'relative' }] }), '/data/attendees/0/role', 'roleOfPerson');
    await expectProblem('child-voice', childVoiceData({ childId: 'p1' }), '/data/childId', 'childOfCase');
    await expectProblem('child-voice', childVoiceData({ attachment: { name: 'a.png', mediaType: 'image/png', sha256: 'a'.repeat(64) } }), '/data/attachment/sha256', 'attachmentUploaded');
    await expectProblem('mappings', mappingData({ scaleRatings: [{ raterRole: 'parent', score: 11 }] }), '/data/scaleRatings/0/score', 'max');
    await expectProblem('mappings', mappingData({ riskScore: 3 }), '/data/riskScore', 'unknownProperty');
  });

  it('stores attachment bytes and serves them for the version that names them', async () => {
    const bytes = Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n a child’s drawing of three houses')]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const up = await t.http().post(`/api/v1/cases/${caseId}/attachments`).set(w.worker.auth).set('Content-Type', 'image/png').send(bytes).expect(201);
    expect(up.body).toEqual({ sha256, mediaType: 'image/png', size: bytes.length });
    const data = childVoiceData({ attachment: { name: 'three houses.png', mediaType: 'image/png', sha256 } });
    const rec = await t.http().post(`/api/v1/cases/${caseId}/child-voice`).set(w.worker.auth).send({ id: 'cv-att', data }).expect(201);
    expect(rec.body.data.attachment.sha256).toBe(sha256);
    const down = await t.http().get(`/api/v1/cases/${caseId}/child-voice/cv-att/attachment`).set(w.manager.auth)
      .buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); })
      .expect(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['x-content-sha256']).toBe(sha256);
    expect(Buffer.compare(down.body as Buffer, bytes)).toBe(0);
    await t.http().post(`/api/v1/cases/${caseId}/attachments`).set(w.worker.auth).set('Content-Type', 'image/png').send(Buffer.alloc(0)).expect(422);
    await t.http().get(`/api/v1/cases/${caseId}/child-voice/cv-att/attachment?version=abc`).set(w.worker.auth).expect(422);
  });

  it('changes, deletes, restores and reverts the case and its people with history', async () => {
    const c = await openCase(t, w, 'S1-0002');
    t.clock.set('2020-01-11T10:00:00.000Z');
    const changed = await t.http().put(`/api/v1/cases/${c}`).set(w.worker.auth).set('If-Match', '"1"')
      .send({ ref: 'S1-0002', team: 'Team A', stage: 'child_in_need', openedOn: '2020-01-02', researchConsent: false, reason: 'stepped down' }).expect(200);
    expect(changed.body).toMatchObject({ version: 2, stage: 'child_in_need', researchConsent: false, worker: w.worker.id });
    const other = await t.http().put(`/api/v1/cases/${c}`).set(w.worker.auth).send({ version: 2, ref: 'S1-0001', team: 'Team A', stage: 'child_in_need', openedOn: '2020-01-02' }).expect(422);
    expect(other.body.errors[0]).toMatchObject({ pointer: '/ref', rule: 'uniqueInSite' });
    const notMine = await t.http().put(`/api/v1/cases/${c}`).set(w.worker.auth).send({ version: 2, ref: 'S1-0002', team: 'Team B', stage: 'child_in_need', openedOn: '2020-01-02' }).expect(422);
    expect(notMine.body.errors[0]).toMatchObject({ pointer: '/team', rule: 'teamOfYours' });
    const diff = await t.http().get(`/api/v1/cases/${c}/diff?from=1&to=2`).set(w.worker.auth).expect(200);
    expect(diff.body.changes).toEqual(expect.arrayContaining([expect.objectContaining({ op: 'changed', path: '$.stage', oldValue: 'child_protection', newValue: 'child_in_need' })]));

    // people: a person named by a record cannot be removed or given another role
    await t.http().post(`/api/v1/cases/${c}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData() }).expect(201);
    const refd = await t.http().delete(`/api/v1/cases/${c}/people/p1`).set(w.worker.auth).set('If-Match', '"1"').expect(409);
    expect(refd.body.code).toBe('PERSON_REFERENCED');
    expect(refd.body.errors[0].pointer).toBe('/records/m1/data/participants/1/personId');
    await t.http().put(`/api/v1/cases/${c}/people/p1`).set(w.worker.auth).send({ version: 1, role: 'carer', name: 'Kerry' }).expect(409);
    await t.http().put(`/api/v1/cases/${c}/people/p1`).set(w.worker.auth).send({ version: 1, role: 'parent', name: 'Kerry C.' }).expect(200)
      .expect((r) => expect(r.body).toMatchObject({ id: 'p1', name: 'Kerry C.', version: 2 }));
    await t.http().post(`/api/v1/cases/${c}/people`).set(w.worker.auth).send({ id: 'x1', role: 'community', name: 'Grace' }).expect(201);
    await t.http().post(`/api/v1/cases/${c}/people`).set(w.worker.auth).send({ id: 'x1', role: 'community' }).expect(409);
    await t.http().delete(`/api/v1/cases/${c}/people/x1`).set(w.worker.auth).send({ version: 1 }).expect(200);
    await t.http().post(`/api/v1/cases/${c}/people/x1/restore`).set(w.worker.auth).send({ version: 2 }).expect(200);
    await t.http().post(`/api/v1/cases/${c}/people/p1/revert`).set(w.worker.auth).send({ version: 2, toVersion: 1 }).expect(200)
      .expect((r) => expect(r.body).toMatchObject({ name: 'Kerry Carter', version: 3 }));
    const ph = await t.http().get(`/api/v1/cases/${c}/people/p1/history`).set(w.worker.auth).expect(200);
    expect(ph.body.total).toBe(3);

    // the case itself: soft delete, 410 while deleted, restore
    await t.http().delete(`/api/v1/cases/${c}`).set(w.worker.auth).set('If-Match', '"2"').send({ reason: 'opened in error' }).expect(200);
    await t.http().get(`/api/v1/cases/${c}`).set(w.worker.auth).expect(410);
    await t.http().get(`/api/v1/cases/${c}/mappings`).set(w.worker.auth).expect(410);
    expect((await t.http().get('/api/v1/cases').set(w.worker.auth).expect(200)).body.items.map((x: { id: string }) => x.id)).not.toContain(c);
    await t.http().get(`/api/v1/cases/${c}/history`).set(w.worker.auth).expect(200).expect((r) => expect(r.body.total).toBe(3));
    await t.http().post(`/api/v1/cases/${c}/restore`).set(w.worker.auth).send({ version: 3 }).expect(200);
    await t.http().get(`/api/v1/cases/${c}`).set(w.worker.auth).expect(200);
    await t.http().post(`/api/v1/cases/${c}/revert`).set(w.worker.auth).send({ version: 4, toVersion: 1 }).expect(200)
      .expect((r) => expect(r.body).toMatchObject({ stage: 'child_protection', version: 5 }));
  });

  it('logs every view and change of a case', async () => {
    const log = await t.http().get(`/api/v1/admin/access-log?caseId=${caseId}&pageSize=200`).set(w.admin.auth).expect(200);
    const entries = log.body.items as { userId: string; event: string; route: string }[];
    expect(entries.some((e) => e.userId === w.manager.id && e.event === 'case.read' && e.route.endsWith(`/cases/${caseId}/child-voice/cv-att/attachment`))).toBe(true);
    expect(entries.some((e) => e.userId === w.worker.id && e.event === 'case.write')).toBe(true);
  });
});
