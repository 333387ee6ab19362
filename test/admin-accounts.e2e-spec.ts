import { UsersService } from '@mapwork/auth';
import { accessLog } from './support/access-log';
import { expectRefusedOnAllBut } from './support/routes';
import { nextTotpCode, signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';
import { PASSWORD, World, buildWorld } from './support/world';

/**
 * What an admin may do to accounts (issue 13): never change their own role, teams,
 * password, status or one-time password; every change of role or teams and every
 * password or one-time-password reset is logged and told to the user; a password an
 * admin chose must be replaced at the next sign-in, before anything else opens.
 */
describe('admins and accounts (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  /** The admin's access-log entries of one kind about one user, newest first. */
  const events = async (userId: string, event: string) => (await accessLog(t, w.admin.auth, { userId: w.admin.id, event })).filter((e) => e.detail?.startsWith(`user ${userId}:`));
  const patch = (userId: string, body: Record<string, unknown>) => t.http().patch(`/api/v1/admin/users/${userId}`).set(w.admin.auth).send(body);
  const notifications = async (auth: { Authorization: string }) => (await t.http().get('/api/v1/notifications').set(auth).expect(200)).body;

  it('does not let an admin change their own role, teams, password or status (another admin must); name and contacts are fine', async () => {
    for (const change of [{ role: 'social_worker' }, { teamIds: [w.teamA.id] }, { password: 'a fresh passphrase for me' }, { disabled: true }]) {
      const res = await patch(w.admin.id, change).expect(403);
      expect({ change, code: res.body.code }).toEqual({ change, code: 'OWN_ACCOUNT' });
    }
    await patch(w.admin.id, { role: 'admin', teamIds: [], disabled: false, displayName: 'Ada Admin', email: 'ada@example.org' }).expect(200);
    // nothing changed: the admin still is one, with no teams, and still signed in
    const me = (await t.http().get('/api/v1/auth/me').set(w.admin.auth).expect(200)).body;
    expect(me).toMatchObject({ role: 'admin', teamIds: [], displayName: 'Ada Admin' });
    // each refused change is logged as the admin's, refused
    expect((await events(w.admin.id, 'admin.user.update')).map((e) => [e.outcome, e.detail])).toEqual([
      ['ok', `user ${w.admin.id}: disabled=false, displayName, email, role=admin, teamIds=`],
      ['refused', `user ${w.admin.id}: disabled=true`],
      ['refused', `user ${w.admin.id}: password`],
      ['refused', `user ${w.admin.id}: teamIds=${w.teamA.id}`],
      ['refused', `user ${w.admin.id}: role=social_worker`],
    ]);
  });

  it('logs an admin making another admin a social worker of a team, and tells that user', async () => {
    await t.app.get(UsersService).createUser({ username: 'other.admin', displayName: 'Olu Other', role: 'admin', password: PASSWORD });
    const other = await signIn(t, 'other.admin', PASSWORD);
    const changed = await patch(other.id, { role: 'social_worker', teamIds: [w.teamA.id] }).expect(200);
    expect(changed.body).toMatchObject({ role: 'social_worker', teamIds: [w.teamA.id], totpEnrolled: true, passwordChangeRequired: false });

    const theirs = await signIn(t, 'other.admin', PASSWORD);
    const notes = await notifications(theirs.auth);
    expect(notes.unread).toBe(2);
    expect(notes.items.map((n: { kind: string; message: string; byUserId: string }) => [n.kind, n.message, n.byUserId]).sort()).toEqual([
      ['role-changed', 'Ada Admin changed your role from admin to social worker. You can now read the case records of your teams.', w.admin.id],
      ['teams-changed', 'Ada Admin changed your teams to S1 / Team A (they were none).', w.admin.id],
    ]);
    expect((await t.http().get('/api/v1/auth/me').set(theirs.auth).expect(200)).body.unreadNotifications).toBe(2);
    await t.http().post(`/api/v1/notifications/${notes.items[0].id}/read`).set(theirs.auth).expect(204);
    // someone else's notification is not found for you
    await t.http().post(`/api/v1/notifications/${notes.items[1].id}/read`).set(w.worker.auth).expect(404);
    expect((await notifications(theirs.auth)).unread).toBe(1);

    expect(await events(other.id, 'admin.user.role')).toEqual([
      expect.objectContaining({ outcome: 'ok', detail: `user ${other.id}: role of other.admin: admin → social_worker (casework: reads the cases of their teams)` }),
    ]);
    expect(await events(other.id, 'admin.user.teams')).toEqual([expect.objectContaining({ detail: `user ${other.id}: teams of other.admin: none → S1 / Team A` })]);
  });

  it('makes a user choose their own password after an admin set it, opening nothing else until then', async () => {
    const before = await signIn(t, 'colleague', PASSWORD);
    await patch(w.colleague.id, { password: 'an admin chose this one' }).expect(200);
    await t.http().get('/api/v1/auth/me').set(before.auth).expect(401);
    const first = await t.http().post('/api/v1/auth/sign-in').send({ username: 'colleague', password: 'an admin chose this one' }).expect(200);
    expect(first.body).toMatchObject({ outcome: 'password-change-required', next: ['POST /api/v1/auth/password'], user: { username: 'colleague' } });
    const challenge = { Authorization: `Bearer ${first.body.challenge}` };

    await expectRefusedOnAllBut(t, challenge, ['get /api/v1/auth/me', 'post /api/v1/auth/sign-out', 'post /api/v1/auth/password'], 'PASSWORD_CHANGE_REQUIRED');
    const notes = (await t.http().get('/api/v1/auth/me').set(challenge).expect(200)).body;
    expect(notes).toMatchObject({ restriction: 'password-change-required', unreadNotifications: 1 });

    const changed = await t.http().post('/api/v1/auth/password').set(challenge).send({ currentPassword: 'an admin chose this one', newPassword: 'only I know this one' }).expect(200);
    expect(changed.body).toMatchObject({ outcome: 'signed-in' });
    await t.http().get('/api/v1/auth/me').set(challenge).expect(401);
    const auth = { Authorization: `Bearer ${changed.body.token}` };
    await t.http().get('/api/v1/cases').set(auth).expect(200);
    expect((await notifications(auth)).items[0]).toMatchObject({
      kind: 'password-reset',
      message: 'Ada Admin set a new password for your account: choose your own when you next sign in. If you did not ask for this, tell another admin.',
    });
    expect(await events(w.colleague.id, 'admin.user.password-reset')).toEqual([expect.objectContaining({ outcome: 'ok', detail: expect.stringMatching(/^user \S+: password of colleague reset; every session ended/) })]);
    expect((await signIn(t, 'colleague', 'only I know this one')).id).toBe(w.colleague.id);
  });

  it('makes a new account created by an admin choose its own password first, and tells the user who created it', async () => {
    const created = await t.http().post('/api/v1/admin/users').set(w.admin.auth)
      .send({ username: 'new.worker', displayName: 'Nia Worker', role: 'social_worker', password: 'the first passphrase', teamIds: [w.teamB.id] }).expect(201);
    expect(created.body).toMatchObject({ passwordChangeRequired: true, totpEnrolled: false });
    const first = await t.http().post('/api/v1/auth/sign-in').send({ username: 'new.worker', password: 'the first passphrase' }).expect(200);
    expect(first.body.outcome).toBe('password-change-required');
    const done = await t.http().post('/api/v1/auth/password').set('Authorization', `Bearer ${first.body.challenge}`).send({ currentPassword: 'the first passphrase', newPassword: 'now my very own' }).expect(200);
    const note = (await notifications({ Authorization: `Bearer ${done.body.token}` })).items[0];
    expect(note).toMatchObject({ kind: 'account-created', message: 'Ada Admin created your account as social worker in S1 / Team B. Choose your own password when you first sign in.' });
    expect(await accessLog(t, w.admin.auth, { userId: w.admin.id, event: 'admin.user.create' })).toEqual([expect.objectContaining({ outcome: 'ok', detail: 'user new.worker as social_worker' })]);
  });

  it('takes an admin-set password, then a second factor, then the user’s own password, in that order', async () => {
    await patch(w.evaluator.id, { password: 'reset by the admin' }).expect(200);
    const first = await t.http().post('/api/v1/auth/sign-in').send({ username: 'evaluator', password: 'reset by the admin' }).expect(200);
    expect(first.body.outcome).toBe('second-factor-required');
    const second = await t.http().post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, totp: nextTotpCode(t, 'evaluator') }).expect(200);
    expect(second.body.outcome).toBe('password-change-required');
    const done = await t.http().post('/api/v1/auth/password').set('Authorization', `Bearer ${second.body.challenge}`).send({ currentPassword: 'reset by the admin', newPassword: 'my very own secret words' }).expect(200);
    expect(done.body).toMatchObject({ outcome: 'signed-in', user: { username: 'evaluator' } });
  });
});
