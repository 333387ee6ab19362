import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsersService } from '@mapwork/auth';
import { DemoSeeder } from '@mapwork/demo';
import { cli } from './support/cli';
import { signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';

type Auth = { Authorization: string };

/**
 * Exports carry the case file and nothing else: not the audits drawn on a case, not
 * an evaluator's scoring sheet, and (pseudonymised) no staff user id at all.
 */
describe('exports after a full audit round (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, Auth>;
  let userIds: string[];
  const NOTES = [
    'Morgan Reid: the danger statement is written in the family’s words',
    'Sam Okafor disputes this: the review changed the rules',
    'Second opinion by the moderator, Priya: agree with the grade',
    'Sheet note by Eve Marsh',
  ];
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ start: '2020-04-20T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    auth = {};
    for (const u of ['morgan.manager', 'sam.worker', 'eve.evaluator', 'admin']) auth[u] = (await signIn(t, u, password)).auth;
    const users = t.app.get(UsersService);
    const teams = await users.listTeams();
    const p9 = teams.filter((x) => x.site === 'P9').map((x) => x.id);
    const moderator = (await users.listUsers()).find((u) => u.role === 'team_manager' && u.username !== 'morgan.manager' && p9.every((id) => u.teamIds.includes(id)));
    auth.moderator = (await signIn(t, moderator!.username, password)).auth;
    userIds = (await users.listUsers()).map((u) => u.id);
    dir = mkdtempSync(join(tmpdir(), 'mapwork-privacy-'));

    // a whole round: plan, draw, verdicts with notes, grade, sign-off by both, moderation, closed
    const round = await t.http().post('/api/v1/audit-rounds').set(auth['morgan.manager'])
      .send({ name: 'Privacy round', teamIds: [p9.find((id) => teams.find((x) => x.id === id)!.name === 'Assessment Team A')], asOf: '2020-03-31T17:00:00Z', sample: { kind: 'named', cases: [{ site: 'P9', ref: 'P9-0001' }] }, dueOn: '2020-04-30' })
      .expect(201);
    const drawn = await t.http().post(`/api/v1/audit-rounds/${round.body.id}/draw`).set(auth['morgan.manager']).expect(200);
    const auditId = drawn.body.audits[0].id;
    let v = (await t.http().patch(`/api/v1/audits/${auditId}`).set(auth['morgan.manager'])
      .send({ version: 1, verdicts: { danger_statement_recorded: { verdict: 'confirm', note: NOTES[0] } }, grade: 'requires_improvement', workingWell: ['Worked well: Pauline joined'] }).expect(200)).body.version;
    v = (await t.http().patch(`/api/v1/audits/${auditId}`).set(auth['sam.worker'])
      .send({ version: v, verdicts: { safety_plan_reviewed: { verdict: 'dispute', note: NOTES[1] } } }).expect(200)).body.version;
    v = (await t.http().post(`/api/v1/audits/${auditId}/sign-off`).set(auth['morgan.manager']).send({ version: v }).expect(200)).body.version;
    v = (await t.http().post(`/api/v1/audits/${auditId}/sign-off`).set(auth['sam.worker']).send({ version: v }).expect(200)).body.version;
    await t.http().post(`/api/v1/audit-rounds/${round.body.id}/status`).set(auth['morgan.manager']).send({ status: 'moderation' }).expect(200);
    await t.http().post(`/api/v1/audits/${auditId}/moderation`).set(auth.moderator).send({ version: v, grade: 'outstanding', note: NOTES[2] }).expect(200);
    await t.http().post(`/api/v1/audit-rounds/${round.body.id}/status`).set(auth['morgan.manager']).send({ status: 'closed' }).expect(200);
    // and an evaluator's scoring sheet on the same case
    await t.http().put('/api/v1/evaluation/scoring-sheets/P9/P9-0001').set(auth['eve.evaluator'])
      .send({ judgements: { mapping_recorded: { value: true, note: NOTES[3] } } }).expect(200);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  /** Every key of every object in a parsed file. */
  const keysOf = (value: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) keysOf(v, out.add(k));
    return out;
  };
  const expectNoAudit = (text: string, label: string) => {
    const file = JSON.parse(text);
    for (const note of [...NOTES, 'Worked well: Pauline joined']) expect({ label, note, found: text.includes(note) }).toEqual({ label, note, found: false });
    const keys = keysOf(file);
    for (const key of ['grade', 'verdicts', 'signOff', 'moderation', 'judgements', 'practiceScale']) expect({ label, key, found: keys.has(key) }).toEqual({ label, key, found: false });
    for (const c of file.cases) for (const r of c.records) expect(['mapping', 'safety_plan', 'network_meeting', 'child_voice']).toContain(r.type);
  };

  it('keeps audits and scoring sheets out of the plain and the pseudonymised export through the API, and both re-import', async () => {
    const plain = await t.http().get('/api/v1/exports?site=P9').set(auth['morgan.manager']).expect(200);
    const pseudo = await t.http().get('/api/v1/exports?site=P9').set(auth['eve.evaluator']).expect(200);
    const managersPseudo = await t.http().get('/api/v1/exports?site=P9&pseudonymise=true').set(auth['morgan.manager']).expect(200);
    expectNoAudit(plain.text, 'plain');
    for (const [label, res] of [['evaluator', pseudo], ['manager, pseudonymised', managersPseudo]] as const) {
      expectNoAudit(res.text, label);
      for (const id of userIds) expect({ label, id, found: res.text.includes(id) }).toEqual({ label, id, found: false });
    }

    // the plain file goes back into the same site unchanged, and into a new one whole
    const again = await t.http().post('/api/v1/imports').set(auth.admin).set('Content-Type', 'application/json').send(plain.text).expect(200);
    expect(again.body.cases).toMatchObject({ created: 0, merged: 0, unchanged: JSON.parse(plain.text).cases.length });
    const copy = plain.text.replace('"code":"P9"', '"code":"P9-COPY"');
    const copied = await t.http().post('/api/v1/imports').set(auth.admin).set('Content-Type', 'application/json').send(copy).expect(200);
    expect(copied.body.cases.created).toBe(JSON.parse(plain.text).cases.length);
    const evaluation = pseudo.text.replace('"code":"P9"', '"code":"EVAL-P9"');
    await t.http().post('/api/v1/imports').set(auth['eve.evaluator']).set('Content-Type', 'application/json').send(evaluation).expect(200);
  });

  it('round-trips through the command line: export then import exits 0, with no audit in either file', async () => {
    const out = join(dir, 'p9.json');
    const exported = await cli(['export', '--site', 'P9', '--out', out, '--database-url', t.databaseUrl]);
    expect(exported.code).toBe(0);
    expectNoAudit(readFileSync(out, 'utf8'), 'cli plain');
    const imported = await cli(['import', out, '--database-url', t.databaseUrl]);
    expect({ code: imported.code, err: imported.err }).toEqual({ code: 0, err: '' });

    const key = join(dir, 'site.key');
    require('node:fs').writeFileSync(key, Buffer.alloc(32, 9).toString('base64'));
    const pseudo = join(dir, 'p9-pseudo.json');
    expect((await cli(['export', '--site', 'P9', '--pseudonymise', '--key-file', key, '--out', pseudo, '--database-url', t.databaseUrl])).code).toBe(0);
    const text = readFileSync(pseudo, 'utf8');
    expectNoAudit(text, 'cli pseudonymised');
    for (const id of userIds) expect({ id, found: text.includes(id) }).toEqual({ id, found: false });
  });
});
