import { DemoSeeder } from '@mapwork/demo';
import { signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';

type Auth = { Authorization: string };

/** An audit whose worker has left is given to another worker of the team, or withdrawn, with a reason. */
describe('reassigning and withdrawing audits (e2e)', () => {
  let t: TestApp;
  const auth: Record<string, Auth> = {};
  const ids: Record<string, string> = {};
  let roundId: string;
  let audit: Record<string, { id: string; version: number }>;

  beforeAll(async () => {
    t = await createTestApp({ start: '2020-04-20T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    for (const u of ['morgan.manager', 'lena.manager', 'priya.manager', 'tariq.hussain', 'dami.oyelaran', 'ellen.park', 'sam.worker', 'jo.worker', 'admin']) {
      const actor = await signIn(t, u, password);
      auth[u] = actor.auth;
      ids[u] = actor.id;
    }
    const me = await t.http().get('/api/v1/auth/me').set(auth['morgan.manager']).expect(200);
    const round = await t.http().post('/api/v1/audit-rounds').set(auth['morgan.manager'])
      .send({ name: 'Spring', teamIds: me.body.teamIds, asOf: '2020-03-31T17:00:00Z', sample: { kind: 'named', cases: ['P9-0002', 'P9-0003', 'P9-0004'].map((ref) => ({ site: 'P9', ref })) }, dueOn: '2020-04-30' })
      .expect(201);
    roundId = round.body.id;
    const drawn = await t.http().post(`/api/v1/audit-rounds/${roundId}/draw`).set(auth['morgan.manager']).expect(200);
    audit = Object.fromEntries(drawn.body.audits.map((a: { ref: string; id: string; version: number }) => [a.ref, { id: a.id, version: a.version }]));
    expect(drawn.body.audits.map((a: { ref: string; workerName: string }) => [a.ref, a.workerName])).toEqual([
      ['P9-0002', 'Tariq Hussain'],
      ['P9-0003', 'Ellen Park'],
      ['P9-0004', 'Dami Oyelaran'],
    ]);
  });
  afterAll(() => t.close());

  const post = (who: Auth, ref: string, action: 'reassign' | 'withdraw', body: object) => t.http().post(`/api/v1/audits/${audit[ref].id}/${action}`).set(who).send({ version: audit[ref].version, ...body });

  it('gives an audit whose worker has left to another active social worker of the team, keeping the reason', async () => {
    await t.http().patch(`/api/v1/admin/users/${ids['tariq.hussain']}`).set(auth.admin).send({ disabled: true }).expect(200);
    const reason = 'Tariq Hussain has left the team';
    await post(auth['sam.worker'], 'P9-0002', 'reassign', { worker: ids['dami.oyelaran'], reason }).expect(403);
    await post(auth['priya.manager'], 'P9-0002', 'reassign', { worker: ids['dami.oyelaran'], reason }).expect(404);
    for (const [who, why] of [['jo.worker', 'another site'], ['ellen.park', 'the other team'], ['lena.manager', 'a manager'], ['tariq.hussain', 'the same worker']]) {
      const res = await post(auth['morgan.manager'], 'P9-0002', 'reassign', { worker: ids[who], reason }).expect(422);
      expect({ why, error: res.body.errors[0] }).toEqual({ why, error: expect.objectContaining({ pointer: '/worker' }) });
    }
    expect((await post(auth['morgan.manager'], 'P9-0002', 'reassign', { worker: ids['dami.oyelaran'] }).expect(422)).body.errors[0]).toMatchObject({ pointer: '/reason' });
    expect((await post(auth['morgan.manager'], 'P9-0002', 'reassign', { worker: ids['dami.oyelaran'], reason: '' }).expect(422)).body.errors[0]).toMatchObject({ pointer: '/reason' });
    await t.http().post(`/api/v1/audits/${audit['P9-0002'].id}/reassign`).set(auth['morgan.manager']).send({ version: 99, worker: ids['dami.oyelaran'], reason }).expect(409);

    const res = await post(auth['morgan.manager'], 'P9-0002', 'reassign', { worker: ids['dami.oyelaran'], reason }).expect(200);
    audit['P9-0002'].version = res.body.version;
    expect(res.body).toMatchObject({ workerId: ids['dami.oyelaran'], workerName: 'Dami Oyelaran', withdrawn: false });
    expect(res.body.state.reassignments).toEqual([
      { from: ids['tariq.hussain'], fromName: 'Tariq Hussain', to: ids['dami.oyelaran'], toName: 'Dami Oyelaran', by: ids['morgan.manager'], byName: 'Morgan Reid', at: expect.any(String), reason },
    ]);
    const history = await t.http().get(`/api/v1/audits/${audit['P9-0002'].id}/history`).set(auth['morgan.manager']).expect(200);
    expect(history.body.items[0]).toMatchObject({ by: ids['morgan.manager'], byName: 'Morgan Reid', reason: `reassigned: ${reason}` });
    expect(history.body.names).toMatchObject({ [ids['tariq.hussain']]: 'Tariq Hussain', [ids['dami.oyelaran']]: 'Dami Oyelaran' });

    // the new worker goes through it and signs it off; after that it stays theirs
    let v = (await t.http().patch(`/api/v1/audits/${audit['P9-0002'].id}`).set(auth['dami.oyelaran']).send({ version: audit['P9-0002'].version, verdicts: { mapping_recorded: { verdict: 'confirm' } } }).expect(200)).body.version;
    v = (await t.http().post(`/api/v1/audits/${audit['P9-0002'].id}/sign-off`).set(auth['dami.oyelaran']).send({ version: v }).expect(200)).body.version;
    audit['P9-0002'].version = v;
    const signed = await post(auth['morgan.manager'], 'P9-0002', 'reassign', { worker: ids['dami.oyelaran'], reason: 'again' }).expect(409);
    expect(signed.body.code).toBe('ALREADY_SIGNED');
    const mine = await t.http().get('/api/v1/audits/mine').set(auth['dami.oyelaran']).expect(200);
    expect(mine.body.items.map((a: { ref: string }) => a.ref)).toEqual(['P9-0002', 'P9-0004']);
  });

  it('withdraws an audit before sign-off with a reason: it then holds nothing back and is reported as withdrawn', async () => {
    const reason = 'the case moved to another authority before the audit';
    await post(auth['dami.oyelaran'], 'P9-0004', 'withdraw', { reason }).expect(403);
    await post(auth['morgan.manager'], 'P9-0004', 'withdraw', {}).expect(422);
    const res = await post(auth['morgan.manager'], 'P9-0004', 'withdraw', { reason }).expect(200);
    audit['P9-0004'].version = res.body.version;
    expect(res.body).toMatchObject({ withdrawn: true, state: { withdrawal: { by: ids['morgan.manager'], byName: 'Morgan Reid', reason } } });
    for (const attempt of [
      t.http().patch(`/api/v1/audits/${audit['P9-0004'].id}`).set(auth['dami.oyelaran']).send({ version: audit['P9-0004'].version, worries: ['x'] }),
      t.http().post(`/api/v1/audits/${audit['P9-0004'].id}/sign-off`).set(auth['morgan.manager']).send({ version: audit['P9-0004'].version }),
      post(auth['morgan.manager'], 'P9-0004', 'withdraw', { reason }),
      post(auth['morgan.manager'], 'P9-0004', 'reassign', { worker: ids['dami.oyelaran'], reason }),
    ]) {
      const refused = await attempt.expect(409);
      expect(refused.body.code).toBe('AUDIT_WITHDRAWN');
    }

    // P9-0003 is signed off by both: complete, so it cannot be withdrawn
    let v = (await t.http().patch(`/api/v1/audits/${audit['P9-0003'].id}`).set(auth['morgan.manager']).send({ version: audit['P9-0003'].version, grade: 'good' }).expect(200)).body.version;
    v = (await t.http().post(`/api/v1/audits/${audit['P9-0003'].id}/sign-off`).set(auth['morgan.manager']).send({ version: v }).expect(200)).body.version;
    v = (await t.http().post(`/api/v1/audits/${audit['P9-0003'].id}/sign-off`).set(auth['ellen.park']).send({ version: v }).expect(200)).body.version;
    audit['P9-0003'].version = v;
    expect((await post(auth['morgan.manager'], 'P9-0003', 'withdraw', { reason }).expect(409)).body.code).toBe('AUDIT_LOCKED');

    // P9-0002 still needs the auditor: the round waits for it, not for the withdrawn audit
    expect((await t.http().post(`/api/v1/audit-rounds/${roundId}/status`).set(auth['morgan.manager']).send({ status: 'moderation' }).expect(409)).body.code).toBe('NOT_SIGNED_OFF');
    v = (await t.http().patch(`/api/v1/audits/${audit['P9-0002'].id}`).set(auth['morgan.manager']).send({ version: audit['P9-0002'].version, grade: 'requires_improvement' }).expect(200)).body.version;
    audit['P9-0002'].version = (await t.http().post(`/api/v1/audits/${audit['P9-0002'].id}/sign-off`).set(auth['morgan.manager']).send({ version: v }).expect(200)).body.version;
    await t.http().post(`/api/v1/audit-rounds/${roundId}/status`).set(auth['morgan.manager']).send({ status: 'moderation' }).expect(200);
    expect((await post(auth['morgan.manager'], 'P9-0002', 'reassign', { worker: ids['sam.worker'], reason: 'late' }).expect(409)).body.code).toBe('ROUND_NOT_OPEN');
    for (const ref of ['P9-0002', 'P9-0003']) {
      await t.http().post(`/api/v1/audits/${audit[ref].id}/moderation`).set(auth['lena.manager']).send({ version: audit[ref].version, grade: 'good' }).expect(200);
    }
    await t.http().post(`/api/v1/audits/${audit['P9-0004'].id}/moderation`).set(auth['lena.manager']).send({ version: audit['P9-0004'].version, grade: 'good' }).expect(409);

    const report = await t.http().get(`/api/v1/audit-rounds/${roundId}/report`).set(auth['morgan.manager']).expect(200);
    expect(report.body).toMatchObject({ cases: 2, signedOff: 2, grades: { good: 1, requires_improvement: 1 }, agreement: { moderation: { moderated: 2 } } });
    expect(report.body.withdrawn).toEqual([{ auditId: audit['P9-0004'].id, caseRef: 'P9-0004', team: 'Assessment Team B', by: ids['morgan.manager'], byName: 'Morgan Reid', at: expect.any(String), reason }]);
    expect(report.body.teams.map((x: { team: string; current: { cases: number } }) => [x.team, x.current.cases])).toEqual([['Assessment Team A', 1], ['Assessment Team B', 1]]);
    const html = await t.http().get(`/api/v1/audit-rounds/${roundId}/report?format=html`).set(auth['morgan.manager']).expect(200);
    expect(html.text).toContain('Withdrawn audits');
    expect(html.text).toContain(reason);
    const rounds = await t.http().get('/api/v1/audit-rounds').set(auth['morgan.manager']).expect(200);
    expect(rounds.body.items[0]).toMatchObject({ id: roundId, status: 'moderation', counts: { audits: 3, signedOff: 2, withdrawn: 1 } });
  });
});
