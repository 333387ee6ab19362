import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsersService, totpCode } from '@mapwork/auth';
import { DemoSeeder } from '@mapwork/demo';
import { instantToMillis } from '@mapwork/kernel';
import { accessLog } from './support/access-log';
import { cli } from './support/cli';
import { expectRefusedOnAllBut } from './support/routes';
import { knownTotpSecret, nextTotpCode, rememberTotpSecret, signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';
import { PASSWORD, World, buildWorld } from './support/world';

type Auth = { Authorization: string };
const bearer = (token: string): Auth => ({ Authorization: `Bearer ${token}` });

/** Time-based one-time passwords (RFC 6238) for every user, required for admins and evaluators, with recovery codes. */
describe('one-time passwords (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const post = (path: string, auth?: Auth) => (auth ? t.http().post(path).set(auth) : t.http().post(path));
  const events = (userId: string, event: string) => accessLog(t, w.admin.auth, { userId, event });

  it('makes an admin set up an app before anything else: the enrolment challenge opens only the enrolment routes', async () => {
    await t.app.get(UsersService).createUser({ username: 'second.admin', displayName: 'Second Admin', role: 'admin', password: PASSWORD });
    const first = await post('/api/v1/auth/sign-in').send({ username: 'second.admin', password: PASSWORD }).expect(200);
    expect(first.body).toMatchObject({ outcome: 'enrolment-required', tokenType: 'Bearer', next: ['POST /api/v1/auth/totp/enrolment', 'POST /api/v1/auth/totp/enrolment/confirm'] });
    expect(first.body.token).toBeUndefined();
    const challenge = bearer(first.body.challenge);

    await expectRefusedOnAllBut(t, challenge, ['get /api/v1/auth/me', 'post /api/v1/auth/sign-out', 'post /api/v1/auth/totp/enrolment', 'post /api/v1/auth/totp/enrolment/confirm'], 'TOTP_ENROLMENT_REQUIRED');
    expect((await t.http().get('/api/v1/auth/me').set(challenge).expect(200)).body).toMatchObject({ restriction: 'enrolment-required', secondFactor: { enrolled: false, required: true } });

    const enrolment = await post('/api/v1/auth/totp/enrolment', challenge).expect(201);
    expect(enrolment.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.body.uri).toBe(`otpauth://totp/mapwork:second.admin?issuer=mapwork&secret=${enrolment.body.secret}&algorithm=SHA1&digits=6&period=30`);
    expect(enrolment.body.qrSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
    rememberTotpSecret(t, 'second.admin', enrolment.body.secret);
    const code = nextTotpCode(t, 'second.admin');
    const wrong = await post('/api/v1/auth/totp/enrolment/confirm', challenge).send({ totp: code === '000000' ? '111111' : '000000' }).expect(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ pointer: '/totp', rule: 'secondFactor' })]);
    const confirmed = await post('/api/v1/auth/totp/enrolment/confirm', challenge).send({ totp: code }).expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(confirmed.body.signIn).toMatchObject({ outcome: 'signed-in', user: { username: 'second.admin', role: 'admin' } });
    // the challenge is used up; the new token opens the admin routes
    await t.http().get('/api/v1/auth/me').set(challenge).expect(401);
    await t.http().get('/api/v1/admin/users').set(bearer(confirmed.body.signIn.token)).expect(200);
    expect(await events(confirmed.body.signIn.user.id, 'totp.enrol')).toHaveLength(1);
  });

  it('asks an enrolled admin for a code; refuses a wrong or replayed one; takes one with the password too', async () => {
    const first = await post('/api/v1/auth/sign-in').send({ username: 'admin', password: PASSWORD }).expect(200);
    expect(first.body).toEqual({ outcome: 'second-factor-required', challenge: expect.stringMatching(/^mwc_/), expiresAt: '2020-01-06T09:10:00.000Z', methods: ['totp', 'recovery-code'] });
    const code = nextTotpCode(t, 'admin');
    const bad = await post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, totp: code === '123456' ? '654321' : '123456' }).expect(401);
    expect(bad.body.code).toBe('UNAUTHENTICATED');
    const done = await post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, totp: code }).expect(200);
    expect(done.body).toMatchObject({ outcome: 'signed-in', user: { username: 'admin' } });
    // the challenge is used up, and the code cannot be used again, not even with a new challenge
    await post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, totp: code }).expect(401);
    const again = await post('/api/v1/auth/sign-in').send({ username: 'admin', password: PASSWORD }).expect(200);
    await post('/api/v1/auth/sign-in/second-factor').send({ challenge: again.body.challenge, totp: code }).expect(401);
    await post('/api/v1/auth/sign-in').send({ username: 'admin', password: PASSWORD, totp: code }).expect(401);
    // the next step's code, with the password in one request
    t.clock.advance(30_000);
    const inOne = await post('/api/v1/auth/sign-in').send({ username: 'admin', password: PASSWORD, totp: nextTotpCode(t, 'admin') }).expect(200);
    expect(inOne.body.outcome).toBe('signed-in');
    expect((await events(w.admin.id, 'sign-in.success'))[0].detail).toBe('password and one-time code');
    expect((await events(w.admin.id, 'sign-in.failure')).map((e) => e.detail)).toEqual(expect.arrayContaining(['wrong one-time code: admin', 'wrong one-time code (second step): admin']));
  });

  it('ends a second-factor challenge after 5 wrong codes', async () => {
    t.clock.advance(30_000);
    const first = await post('/api/v1/auth/sign-in').send({ username: 'evaluator', password: PASSWORD }).expect(200);
    const right = nextTotpCode(t, 'evaluator');
    const wrongCode = right === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) await post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, totp: wrongCode }).expect(401);
    const ended = await post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, totp: right }).expect(401);
    expect(ended.body.code).toBe('SIGN_IN_ENDED');
    // the wrong codes counted against the user at this address: the throttle is at 5 and locks
    await post('/api/v1/auth/sign-in').send({ username: 'evaluator', password: PASSWORD }).expect(429);
    t.clock.advance(16 * 60_000);
  });

  it('takes each recovery code once, tells the user, and a new set replaces the old one', async () => {
    const me = await signIn(t, 'evaluator', PASSWORD);
    t.clock.advance(30_000);
    const codes: string[] = (await post('/api/v1/auth/totp/recovery-codes', me.auth).send({ totp: nextTotpCode(t, 'evaluator') }).expect(200)).body.recoveryCodes;
    expect(codes).toHaveLength(10);
    const withCode = async (recoveryCode: string) => {
      const first = await post('/api/v1/auth/sign-in').send({ username: 'evaluator', password: PASSWORD }).expect(200);
      return post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, recoveryCode });
    };
    expect((await withCode(codes[0].toUpperCase().replace(/-/g, ' '))).body.outcome).toBe('signed-in');
    expect((await withCode(codes[0])).status).toBe(401);
    const notes = (await t.http().get('/api/v1/notifications').set(me.auth).expect(200)).body;
    expect(notes.items[0]).toMatchObject({ kind: 'recovery-code-used', read: false, message: expect.stringContaining('9 are left') });
    expect((await t.http().get('/api/v1/auth/totp').set(me.auth).expect(200)).body).toEqual({ enrolled: true, pending: false, required: true, recoveryCodesLeft: 9 });
    t.clock.advance(30_000);
    const fresh: string[] = (await post('/api/v1/auth/totp/recovery-codes', me.auth).send({ recoveryCode: codes[1] }).expect(200)).body.recoveryCodes;
    expect((await withCode(codes[2])).status).toBe(401);
    expect((await withCode(fresh[0])).status).toBe(200);
    expect(await events(w.evaluator.id, 'totp.recovery-code')).toHaveLength(3);
  });

  it('lets a social worker opt in, requires it from then on, and lets them turn it off; not an evaluator', async () => {
    const status = await t.http().get('/api/v1/auth/totp').set(w.worker.auth).expect(200);
    expect(status.body).toEqual({ enrolled: false, pending: false, required: false, recoveryCodesLeft: 0 });
    const enrolment = await post('/api/v1/auth/totp/enrolment', w.worker.auth).expect(201);
    rememberTotpSecret(t, 'worker', enrolment.body.secret);
    await post('/api/v1/auth/totp/enrolment', w.worker.auth).expect(201);
    // a second start replaces the first secret: the app must have the newest
    const restarted = await post('/api/v1/auth/totp/enrolment', w.worker.auth).expect(201);
    rememberTotpSecret(t, 'worker', restarted.body.secret);
    const confirmed = await post('/api/v1/auth/totp/enrolment/confirm', w.worker.auth).send({ totp: nextTotpCode(t, 'worker') }).expect(200);
    expect(confirmed.body.signIn).toBeNull();
    await post('/api/v1/auth/totp/enrolment', w.worker.auth).expect(409);
    expect((await post('/api/v1/auth/sign-in').send({ username: 'worker', password: PASSWORD }).expect(200)).body.outcome).toBe('second-factor-required');
    t.clock.advance(30_000);
    await post('/api/v1/auth/totp/disable', w.worker.auth).send({}).expect(422);
    await post('/api/v1/auth/totp/disable', w.worker.auth).send({ totp: nextTotpCode(t, 'worker') }).expect(204);
    expect((await post('/api/v1/auth/sign-in').send({ username: 'worker', password: PASSWORD }).expect(200)).body.outcome).toBe('signed-in');
    t.clock.advance(30_000);
    const refused = await post('/api/v1/auth/totp/disable', w.evaluator.auth).send({ totp: nextTotpCode(t, 'evaluator') }).expect(403);
    expect(refused.body.code).toBe('TOTP_REQUIRED');
    expect((await events(w.worker.id, 'totp.disable'))).toHaveLength(1);
  });

  it('keeps the secret encrypted under a key file outside the database, made 0600', async () => {
    const [row] = await t.dataSource.query(`SELECT secret_ciphertext FROM user_totp WHERE user_id = '${w.admin.id}'`);
    const secret = knownTotpSecret(t, 'admin')!;
    expect(row.secret_ciphertext).toMatch(/^v1\./);
    expect(row.secret_ciphertext).not.toContain(secret);
    expect(Buffer.from(row.secret_ciphertext.split('.')[2], 'base64url').toString('latin1')).not.toContain(secret);
    expect(statSync(process.env.TOTP_KEY_FILE!).mode & 0o777).toBe(0o600);
  });

  it('lets an admin reset another user’s app (logged, told to the user, every session ended), never their own', async () => {
    t.clock.advance(30_000);
    const evaluator = await signIn(t, 'evaluator', PASSWORD);
    await post(`/api/v1/admin/users/${w.evaluator.id}/totp-reset`, w.admin.auth).expect(204);
    await t.http().get('/api/v1/auth/me').set(evaluator.auth).expect(401);
    const own = await post(`/api/v1/admin/users/${w.admin.id}/totp-reset`, w.admin.auth).expect(403);
    expect(own.body.code).toBe('OWN_ACCOUNT');
    await post(`/api/v1/admin/users/${w.evaluator.id}/totp-reset`, w.admin.auth).expect(409);
    await post(`/api/v1/admin/users/${w.evaluator.id}/totp-reset`, w.evaluator.auth).expect(401);
    // the evaluator must set up an app again, and is told why
    const again = await post('/api/v1/auth/sign-in').send({ username: 'evaluator', password: PASSWORD }).expect(200);
    expect(again.body.outcome).toBe('enrolment-required');
    const fresh = await signIn(t, 'evaluator', PASSWORD);
    const notes = (await t.http().get('/api/v1/notifications').set(fresh.auth).expect(200)).body.items;
    expect(notes[0]).toMatchObject({ kind: 'totp-reset', byUserId: w.admin.id, message: expect.stringContaining('admin reset your one-time passwords') });
    // logged as the admin's, newest first: the second reset (nothing to reset), their own (refused), the first
    expect(await events(w.admin.id, 'admin.user.totp-reset')).toEqual([
      expect.objectContaining({ outcome: 'failed', detail: `user ${w.evaluator.id}` }),
      expect.objectContaining({ outcome: 'refused', detail: `user ${w.admin.id}` }),
      expect.objectContaining({ outcome: 'ok', detail: `user ${w.evaluator.id}`, route: `POST /api/v1/admin/users/${w.evaluator.id}/totp-reset` }),
    ]);
  });
});

describe('the demo’s one-time passwords (e2e)', () => {
  let t: TestApp;
  let password: string;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-11-23T09:00:00.000Z' });
    password = (await t.app.get(DemoSeeder).seedIfEmpty()).password;
  });
  afterAll(() => t.close());

  it('signs in the demo admin and evaluator with the published secrets', async () => {
    for (const username of ['admin', 'eve.evaluator']) {
      // what an authenticator app holding the published secret shows at the server's time
      expect(nextTotpCode(t, username)).toBe(totpCode(knownTotpSecret(t, username)!, instantToMillis(t.clock.now())));
      const res = await t.http().post('/api/v1/auth/sign-in').send({ username, password, totp: totpCode(knownTotpSecret(t, username)!, instantToMillis(t.clock.now())) }).expect(200);
      expect(res.body).toMatchObject({ outcome: 'signed-in', user: { username } });
    }
  });

  it('prints the current code of a demo account with `mapwork demo-code`, and refuses other accounts', async () => {
    const secret = knownTotpSecret(t, 'eve.evaluator')!;
    const before = totpCode(secret, Date.now());
    const run = await cli(['--database-url', t.databaseUrl, 'demo-code', 'eve.evaluator']);
    const after = totpCode(secret, Date.now());
    expect(run.code).toBe(0);
    expect([before, after]).toContain(run.out.trim());
    const qr = await cli(['--database-url', t.databaseUrl, 'demo-code', 'admin', '--qr']);
    expect(qr.out).toContain(`secret ${knownTotpSecret(t, 'admin')}`);
    expect(qr.out).toContain('otpauth://totp/mapwork:admin?');
    const notDemo = await cli(['--database-url', t.databaseUrl, 'demo-code', 'sam.worker']);
    expect(notDemo.code).not.toBe(0);
    expect(notDemo.err).toMatch(/sam\.worker is not a demo account with a one-time password \(those are: admin, eve\.evaluator\)/);
    // once the account's secret is another one, the command gives nothing away
    const admin = await signIn(t, 'admin', password);
    const eve = (await t.http().get('/api/v1/admin/users?pageSize=100').set(admin.auth).expect(200)).body.items.find((u: { username: string }) => u.username === 'eve.evaluator');
    expect(eve).toMatchObject({ totpEnrolled: true, passwordChangeRequired: false });
    await t.http().post(`/api/v1/admin/users/${eve.id}/totp-reset`).set(admin.auth).expect(204);
    const reset = await cli(['--database-url', t.databaseUrl, 'demo-code', 'eve.evaluator']);
    expect(reset.code).not.toBe(0);
    expect(reset.err).toMatch(/does not use the demo's one-time-password secret/);
  });
});

describe('rotating the one-time-password key (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapwork-rotate-'));
  const keyFile = join(dir, 'totp.key');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ settings: { TOTP_KEY_FILE: keyFile } });
    await t.app.get(UsersService).createUser({ username: 'rota.admin', displayName: 'Rota Admin', role: 'admin', password: PASSWORD });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-encrypts every secret under a new key file, keeps the old one, and voids recovery codes (their users are told)', async () => {
    const admin = await signIn(t, 'rota.admin', PASSWORD);
    t.clock.advance(30_000);
    const codes: string[] = (await t.http().post('/api/v1/auth/totp/recovery-codes').set(admin.auth).send({ totp: nextTotpCode(t, 'rota.admin') }).expect(200)).body.recoveryCodes;
    const before = readFileSync(keyFile, 'utf8');
    const [{ secret_ciphertext: sealedBefore }] = await t.dataSource.query(`SELECT secret_ciphertext FROM user_totp WHERE user_id = '${admin.id}'`);

    const env = process.env.TOTP_KEY_FILE;
    process.env.TOTP_KEY_FILE = keyFile;
    const run = await cli(['--database-url', t.databaseUrl, 'totp-key', 'rotate']).finally(() => (process.env.TOTP_KEY_FILE = env));
    expect(run).toMatchObject({ code: 0, out: 'TOTP key replaced: 1 secrets re-encrypted; 1 users must make new recovery codes (told by a notification)\n' });

    expect(readFileSync(keyFile, 'utf8')).not.toBe(before);
    expect(readFileSync(`${keyFile}.old`, 'utf8')).toBe(before);
    for (const f of [keyFile, `${keyFile}.old`]) expect(statSync(f).mode & 0o777).toBe(0o600);
    const [{ secret_ciphertext: sealedAfter }] = await t.dataSource.query(`SELECT secret_ciphertext FROM user_totp WHERE user_id = '${admin.id}'`);
    expect(sealedAfter).not.toBe(sealedBefore);

    // the running server follows the new file: the same app still gives codes that work
    t.clock.advance(30_000);
    const again = await t.http().post('/api/v1/auth/sign-in').send({ username: 'rota.admin', password: PASSWORD, totp: nextTotpCode(t, 'rota.admin') }).expect(200);
    expect(again.body.outcome).toBe('signed-in');
    const first = await t.http().post('/api/v1/auth/sign-in').send({ username: 'rota.admin', password: PASSWORD }).expect(200);
    await t.http().post('/api/v1/auth/sign-in/second-factor').send({ challenge: first.body.challenge, recoveryCode: codes[0] }).expect(401);
    const notes = (await t.http().get('/api/v1/notifications').set(bearer(again.body.token)).expect(200)).body.items;
    expect(notes[0]).toMatchObject({ kind: 'recovery-codes-void' });
    expect(await accessLog(t, bearer(again.body.token), { event: 'totp.key-rotated' })).toEqual([
      expect.objectContaining({ interface: 'cli', userId: expect.stringMatching(/^cli:/), route: 'mapwork totp-key rotate', detail: '1 secrets re-encrypted; recovery codes of 1 users voided' }),
    ]);
  });
});
