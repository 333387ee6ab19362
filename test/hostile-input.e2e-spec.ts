import { statSync } from 'node:fs';
import { parseDatabaseUrl } from '@mapwork/persistence';
import { TEST_DIALECT, TestApp, createTestApp } from './support/test-app';
import { Route, allRoutes, concrete } from './support/routes';
import { World, buildWorld, childVoiceData, mappingData, openCase } from './support/world';

type Res = { status: number; headers: Record<string, string>; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Each finding of the hostile test of issue 13 that belongs to the edge: the request
 * that gave a 500 (or stored what it should have refused) and the answer it gets now.
 */
describe('hostile input at the edge (e2e)', () => {
  let t: TestApp;
  let w: World;
  let caseId: string;
  let routes: Route[];
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    caseId = await openCase(t, w);
    base = `/api/v1/cases/${caseId}`;
    await t.http().post(`${base}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData() }).expect(201);
    routes = await allRoutes(t);
  });
  afterAll(() => t.close());

  const json = (method: Route['method'], path: string, body: string | Buffer, auth?: { Authorization: string }) => {
    const req = t.http()[method](path).set('Content-Type', 'application/json').serialize((bytes: string | Buffer) => bytes as string);
    return (auth ? req.set(auth) : req).send(body) as unknown as Promise<Res>;
  };
  const errorsOf = (res: Res) => (res.body.errors ?? []).map((e: { pointer: string; rule: string }) => `${e.pointer} ${e.rule}`);
  const historyTotal = async () => (await t.http().get(`${base}/mappings/m1/history`).set(w.worker.auth).expect(200)).body.total as number;

  it('answers JSON nested 10,000 deep with 422 naming where, on every JSON route, signed in or not', async () => {
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const where = `/a${'/0'.repeat(63)} maxDepth`;
    const jsonRoutes = routes.filter((r) => r.hasBody && !r.path.endsWith('/attachments') && r.path !== '/api/v1/imports');
    expect(jsonRoutes.map((r) => r.path)).toContain('/api/v1/auth/sign-in');
    for (const r of jsonRoutes) {
      const path = concrete(r.path, { caseId, recordId: 'm1', personId: 'p1', userId: w.worker.id, site: 'S1', ref: 'S1-0001', id: 'x', roundId: caseId, auditId: caseId });
      for (const auth of [undefined, w.admin.auth]) {
        const res = await json(r.method, path, deep, auth);
        expect({ route: `${r.method} ${r.path}`, status: res.status, errors: errorsOf(res) }).toEqual({ route: `${r.method} ${r.path}`, status: 422, errors: [where] });
      }
    }
    // a case file is read as a stream, and its values are checked without recursion
    const file = `{"format":"sofs-casefile/1","exportedAt":"2020-01-01T00:00:00Z","site":{"code":"EV","name":${'['.repeat(10_000)}${']'.repeat(10_000)}},"cases":[]}`;
    const imported = await json('post', '/api/v1/imports', file, w.evaluator.auth);
    expect(imported.status).toBe(422);
    expect(errorsOf(imported)).toContain('/site/name type');
  });

  it('answers malformed percent-encoding with 400, before anything decodes it, signed in or not', async () => {
    const paths = ['/api/v1/cases/%ff/attachments', `${base}/mappings/%E0%A4%A`, `${base}/mappings/%ED%A0%80`, '/api/v1/cases?site=%ff', '/api/v1/auth/sign-in?x=%'];
    for (const path of paths) {
      for (const auth of [undefined, w.worker.auth]) {
        const res = (await (auth ? t.http().post(path).set(auth) : t.http().post(path)).send('x')) as unknown as Res;
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'MALFORMED_URL' });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });

  it('refuses U+0000 in a body string or key, a query and a path with 422 naming where (PostgreSQL gave 500)', async () => {
    const before = await historyTotal();
    const cases: Array<[Promise<Res>, string]> = [
      [json('put', `${base}/mappings/m1`, JSON.stringify({ version: 1, data: mappingData({ harm: [{ text: 'a\u0000b' }] }) }), w.worker.auth), '/data/harm/0/text noNulCharacter'],
      [json('put', `${base}/mappings/m1`, JSON.stringify({ version: 1, data: { ...mappingData(), 'x\u0000': 1 } }), w.worker.auth), '/data/x\u0000 noNulCharacter'],
      [json('post', '/api/v1/auth/sign-in', JSON.stringify({ username: 'worker\u0000', password: 'x' })), '/username noNulCharacter'],
      [t.http().get('/api/v1/cases?site=S1%00').set(w.worker.auth) as unknown as Promise<Res>, '/query/site noNulCharacter'],
      [t.http().get(`${base}/mappings/m1%00`).set(w.worker.auth) as unknown as Promise<Res>, '/path noNulCharacter'],
      [t.http().get(`${base}/mappings/m1%00`) as unknown as Promise<Res>, '/path noNulCharacter'],
    ];
    for (const [request, where] of cases) {
      const res = await request;
      expect({ where, status: res.status, errors: errorsOf(res) }).toEqual({ where, status: 422, errors: [where] });
    }
    expect(await historyTotal()).toBe(before);
  });

  it('refuses unpaired surrogates, escaped or as bytes, with 422 instead of storing U+FFFD', async () => {
    const before = await historyTotal();
    const body = JSON.stringify({ version: 1, data: mappingData({ harm: [{ text: 'HARM' }] }) });
    const escaped = await json('put', `${base}/mappings/m1`, body.replace('HARM', 'drawn by \\ud800'), w.worker.auth);
    expect({ status: escaped.status, errors: errorsOf(escaped) }).toEqual({ status: 422, errors: ['/data/harm/0/text i-json'] });
    const [head, tail] = body.split('HARM');
    for (const bytes of [[0xed, 0xa0, 0x80], [0xff], [0xc3]]) {
      const raw = await json('put', `${base}/mappings/m1`, Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]), w.worker.auth);
      expect({ bytes, status: raw.status, errors: errorsOf(raw) }).toEqual({ bytes, status: 422, errors: ['/data/harm/0/text utf-8'] });
    }
    expect(await historyTotal()).toBe(before);
    const integrity = await t.http().get('/api/v1/admin/integrity').set(w.admin.auth).expect(200);
    expect(integrity.body).toMatchObject({ ok: true, findings: [] });
  });

  it('answers null for a field that cannot be null with 422 from the DTO (displayName: null was a 500)', async () => {
    for (const field of ['displayName', 'role', 'password', 'disabled', 'teamIds']) {
      const res = (await t.http().patch(`/api/v1/admin/users/${w.colleague.id}`).set(w.admin.auth).send({ [field]: null })) as unknown as Res;
      expect({ field, status: res.status, pointers: errorsOf(res).map((e: string) => e.split(' ')[0]) }).toEqual({ field, status: 422, pointers: expect.arrayContaining([`/${field}`]) });
    }
    await t.http().patch(`/api/v1/admin/users/${w.colleague.id}`).set(w.admin.auth).send({ email: null, phone: null }).expect(200);
  });

  it('answers an audit round without a sample with 422 naming /sample (it was a 500)', async () => {
    const round = { name: 'March', teamIds: [w.teamA.id], asOf: '2020-01-05T00:00:00Z', dueOn: '2020-02-01' };
    const res = (await t.http().post('/api/v1/audit-rounds').set(w.manager.auth).send(round)) as unknown as Res;
    expect({ status: res.status, errors: errorsOf(res) }).toEqual({ status: 422, errors: ['/sample isObject'] });
    const listed = (await t.http().post('/api/v1/audit-rounds').set(w.manager.auth).send({ ...round, sample: [{ kind: 'random', perTeam: 1, seed: 's' }] })) as unknown as Res;
    expect({ status: listed.status, errors: errorsOf(listed) }).toEqual({ status: 422, errors: ['/sample isObject'] });
  });

  it('refuses lists of lists where a list of objects belongs (they were stored, then broke re-import)', async () => {
    const before = await historyTotal();
    for (const [data, where] of [
      [mappingData({ harm: [[{ text: 'hit' }]] }), '/data/harm isObject'],
      [mappingData({ dangerStatements: [[{ id: 'd1', text: 'x' }]] }), '/data/dangerStatements isObject'],
      [mappingData({ participants: [[]] }), '/data/participants isObject'],
    ] as const) {
      const res = (await t.http().put(`${base}/mappings/m1`).set(w.worker.auth).send({ version: 1, data })) as unknown as Res;
      expect({ where, status: res.status, errors: errorsOf(res) }).toEqual({ where, status: 422, errors: [where] });
    }
    const voice = (await t.http().post(`${base}/child-voice`).set(w.worker.auth).send({ id: 'cv9', data: childVoiceData({ attachment: [{ name: 'a.png', mediaType: 'image/png', sha256: 'a'.repeat(64) }] }) })) as unknown as Res;
    expect({ status: voice.status, errors: errorsOf(voice) }).toEqual({ status: 422, errors: ['/data/attachment isObject'] });
    expect(await historyTotal()).toBe(before);
  });

  it('answers a ref that is taken the same way whether the case holding it is visible, another team’s or deleted', async () => {
    const open = (auth: { Authorization: string }, team: string, ref: string) =>
      t.http().post('/api/v1/cases').set(auth).send({ site: 'S1', ref, team, stage: 'child_protection', openedOn: '2020-01-02' }) as unknown as Promise<Res>;
    const deleted = await openCase(t, w, 'S1-0007');
    await t.http().delete(`/api/v1/cases/${deleted}`).set(w.worker.auth).send({ version: 1 }).expect(200);
    const answers = [
      await open(w.worker.auth, 'Team A', 'S1-0001'), // the worker's own team's case
      await open(w.outsider.auth, 'Team B', 'S1-0001'), // a case the outsider cannot see
      await open(w.outsider.auth, 'Team B', 'S1-0007'), // a deleted case
      await open(w.worker.auth, 'Team A', 'S1-0007'),
    ].map((r) => ({ status: r.status, code: r.body.code, detail: r.body.detail, errors: r.body.errors }));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 422, errors: [{ pointer: '/ref', rule: 'uniqueInSite' }] });
    expect(JSON.stringify(answers[0])).not.toMatch(/already has|exists|Team A|S1-000/);
    // renaming to a ref in use is answered the same way too
    const mine = await openCase(t, w, 'S1-0008');
    const renamed = (await t.http().put(`/api/v1/cases/${mine}`).set(w.worker.auth).send({ version: 1, ref: 'S1-0001', team: 'Team A', stage: 'child_protection', openedOn: '2020-01-02' })) as unknown as Res;
    expect({ status: renamed.status, code: renamed.body.code, detail: renamed.body.detail, errors: renamed.body.errors }).toEqual(answers[0]);
  });

  describe('attachments', () => {
    const png = Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n'), Buffer.from('drawing')]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n');
    const upload = (bytes: Buffer, type?: string) => {
      const req = t.http().post(`${base}/attachments`).set(w.worker.auth);
      return (type ? req.set('Content-Type', type) : req).send(bytes) as unknown as Promise<Res>;
    };
    const download = (recordId: string) =>
      t.http().get(`${base}/child-voice/${recordId}/attachment`).set(w.worker.auth)
        .buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); }) as unknown as Promise<Res>;

    it('accepts only PNG, JPEG, GIF, WebP and PDF, judged by the bytes, not the declared type', async () => {
      for (const [bytes, declared] of [
        [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png'],
        [Buffer.from('<html><script>alert(1)</script></html>'), 'text/html'],
        [Buffer.from('MZ\x90\x00'), 'application/octet-stream'],
      ] as const) {
        const res = await upload(bytes, declared);
        expect({ declared, status: res.status, code: res.body.code }).toEqual({ declared, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      }
      const lying = await upload(png, 'application/pdf');
      expect({ status: lying.status, errors: errorsOf(lying) }).toEqual({ status: 422, errors: ['/headers/content-type matchesContent'] });
      expect((await upload(png, 'application/octet-stream')).body).toMatchObject({ mediaType: 'image/png' });
      expect((await upload(pdf, 'application/pdf; charset=binary')).body).toMatchObject({ mediaType: 'application/pdf' });
    });

    it('serves the sniffed type with nosniff: images inline, PDF as a download', async () => {
      const refs: Record<string, string> = {};
      for (const [id, bytes] of [['cv-png', png], ['cv-pdf', pdf]] as const) {
        const { sha256 } = (await upload(bytes)).body;
        // the record may say anything about the type; the bytes decide how they are served
        await t.http().post(`${base}/child-voice`).set(w.worker.auth).send({ id, data: childVoiceData({ attachment: { name: `${id}.bin`, mediaType: 'text/html', sha256 } }) }).expect(201);
        refs[id] = sha256;
      }
      const image = await download('cv-png');
      expect(image.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
      expect(image.headers['content-disposition']).toMatch(/^inline;/);
      const document = await download('cv-pdf');
      expect(document.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff' });
      expect(document.headers['content-disposition']).toMatch(/^attachment;/);
    });
  });

  (TEST_DIALECT === 'sqlite' ? it : it.skip)('keeps the SQLite file, WAL and SHM to their owner (0600), syncs every commit and waits for locks', async () => {
    const file = parseDatabaseUrl(t.databaseUrl).target;
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect({ path, mode: (statSync(path).mode & 0o777).toString(8) }).toEqual({ path, mode: '600' });
    expect(await t.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]); // FULL
    expect(await t.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await t.dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 30_000 }]);
  });
});
