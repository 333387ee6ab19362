import { PasswordHasher, UsersService, hashPassword } from '@mapwork/auth';
import { accessLog } from './support/access-log';
import { requestFrom, signInFrom } from './support/from-address';
import { signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';
import { PASSWORD, World, buildWorld } from './support/world';

const MINUTE = 60_000;

/**
 * Sign-in throttling and lockout per user and per address (ASVS V2.2), the password
 * policy (V2.1), scrypt at N = 2^17 with a rehash of older hashes, and changing one's
 * own password. Clients at different addresses are loopback addresses 127.0.0.x.
 */
describe('sign-in: throttling, lockout, passwords (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    // one step above the tests' usual cost, so a hash made at the usual cost is an older one
    t = await createTestApp({ settings: { SCRYPT_LOG_N: '11' } });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const events = (filter: { userId?: string; event?: string }) => accessLog(t, w.admin.auth, filter);

  it('locks a username out at one address after 5 wrong passwords, not at another, for 15 minutes, and logs it', async () => {
    for (let i = 0; i < 5; i++) expect((await signInFrom(t, '127.0.0.2', 'colleague', `wrong password ${i}!`)).status).toBe(401);
    const locked = await signInFrom(t, '127.0.0.2', 'colleague', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(locked.body).toMatchObject({ status: 429, code: 'SIGN_IN_THROTTLED', retryAfter: 900 });
    expect(locked.headers['retry-after']).toBe('900');
    // the same user at another address is not locked out
    expect((await signInFrom(t, '127.0.0.3', 'colleague', PASSWORD)).body).toMatchObject({ outcome: 'signed-in' });
    // the failures and the lockout are in the access log, with the address
    const failures = await events({ userId: w.colleague.id, event: 'sign-in.failure' });
    expect(failures.filter((e) => e.address === '127.0.0.2')).toHaveLength(5);
    expect(failures[0]).toMatchObject({ outcome: 'failed', detail: 'wrong password: colleague', interface: 'api', route: 'POST /api/v1/auth/sign-in' });
    expect(await events({ userId: w.colleague.id, event: 'sign-in.lockout' })).toEqual([
      expect.objectContaining({ address: '127.0.0.2', outcome: 'refused', detail: expect.stringMatching(/"colleague" from 127\.0\.0\.2 locked for 15 minutes after 5 failed/) }),
    ]);
    // hammering the locked pair is refused without counting, and the lock ends after 15 minutes
    for (let i = 0; i < 3; i++) expect((await signInFrom(t, '127.0.0.2', 'colleague', 'wrong password!!')).status).toBe(429);
    t.clock.advance(15 * MINUTE);
    expect((await signInFrom(t, '127.0.0.2', 'colleague', PASSWORD)).body).toMatchObject({ outcome: 'signed-in' });
  });

  it('answers an unknown username exactly as a wrong password, and throttles it alike', async () => {
    const unknown = await signInFrom(t, '127.0.0.4', 'nobody-at-all', 'wrong password!!');
    const wrong = await signInFrom(t, '127.0.0.4', 'outsider', 'wrong password!!');
    expect([unknown.status, unknown.body.code, unknown.body.detail]).toEqual([wrong.status, wrong.body.code, wrong.body.detail]);
    expect(unknown.status).toBe(401);
    for (let i = 0; i < 4; i++) await signInFrom(t, '127.0.0.4', 'nobody-at-all', 'wrong password!!');
    expect((await signInFrom(t, '127.0.0.4', 'nobody-at-all', 'wrong password!!')).status).toBe(429);
    const logged = (await events({ event: 'sign-in.failure' })).filter((e) => e.address === '127.0.0.4' && e.userId === null);
    expect(logged[0].detail).toBe('unknown username: nobody-at-all');
  });

  it('locks a username everywhere after 25 failures from many addresses, and an address after 100 failures over many usernames', async () => {
    t.clock.advance(16 * MINUTE);
    for (let a = 10; a < 15; a++) {
      for (let i = 0; i < 5; i++) expect((await signInFrom(t, `127.0.0.${a}`, 'manager', 'wrong password!!')).status).toBe(401);
    }
    const everywhere = await signInFrom(t, '127.0.0.20', 'manager', PASSWORD);
    expect(everywhere.status).toBe(429);
    expect(await events({ userId: w.manager.id, event: 'sign-in.lockout' })).toEqual([expect.objectContaining({ detail: expect.stringMatching(/^sign-in of "manager" locked/) })]);

    for (let i = 0; i < 100; i++) expect((await signInFrom(t, '127.0.0.30', `sprayed-${i}`, 'Summer2024!!')).status).toBe(401);
    expect((await signInFrom(t, '127.0.0.30', 'outsider', PASSWORD)).status).toBe(429);
    expect((await signInFrom(t, '127.0.0.31', 'outsider', PASSWORD)).status).toBe(200);
    t.clock.advance(16 * MINUTE);
  });

  it('does not count a successful sign-in as a failure', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await signInFrom(t, '127.0.0.40', 'outsider', 'wrong password!!');
      expect((await signInFrom(t, '127.0.0.40', 'outsider', PASSWORD)).status).toBe(200);
    }
  });

  it('refuses short, common and personal passwords for new users and resets, naming the rule (422 at /password)', async () => {
    const create = (password: string, username = 'rpatel.sw') =>
      t.http().post('/api/v1/admin/users').set(w.admin.auth).send({ username, displayName: 'Ria Patel', role: 'social_worker', password, teamIds: [w.teamA.id] });
    const rulesOf = (res: { body: { errors?: Array<{ pointer: string; rule: string }> } }) => res.body.errors?.map((e) => [e.pointer, e.rule]);
    expect(rulesOf(await create('short one').expect(422))).toEqual([['/password', 'minLength']]);
    expect(rulesOf(await create('password1234').expect(422))).toEqual([['/password', 'commonPassword']]);
    expect(rulesOf(await create('Qwertyuiop123').expect(422))).toEqual([['/password', 'commonPassword']]);
    expect(rulesOf(await create('rp.social-2024!', 'rp.social').expect(422))).toEqual([['/password', 'containsUsername']]);
    expect(rulesOf(await create('I am Ria Patel, hello').expect(422))).toEqual([['/password', 'containsName']]);
    expect(rulesOf(await create('x'.repeat(257)).expect(422))).toEqual([['/password', 'maxLength']]);
    await create('a sensible long passphrase').expect(201);
    const reset = await t.http().patch(`/api/v1/admin/users/${w.worker.id}`).set(w.admin.auth).send({ password: '123456789012' }).expect(422);
    expect(rulesOf(reset)).toEqual([['/password', 'commonPassword']]);
    // nothing was changed: the worker still signs in with their password
    await signIn(t, 'worker', PASSWORD);
  });

  it('replaces a hash made at a lower cost with one at the current cost when the user signs in', async () => {
    const hasher = t.app.get(PasswordHasher);
    expect(hasher.logN).toBe(11);
    const user = await t.app.get(UsersService).createUser({ username: 'old.hash', displayName: 'Old Hash', role: 'social_worker', password: 'an older passphrase' });
    const pg = t.dataSource.options.type === 'postgres';
    // as stored before the cost was raised
    await t.dataSource.query(`UPDATE users SET password_hash = ${pg ? '$1' : '?'} WHERE id = ${pg ? '$2' : '?'}`, [await hashPassword('an older passphrase', 10), user.id]);
    const stored = async () => (await t.dataSource.query(`SELECT password_hash FROM users WHERE username = 'old.hash'`))[0].password_hash as string;
    expect(await stored()).toMatch(/^scrypt\$1024\$/);
    await signIn(t, 'old.hash', 'an older passphrase');
    expect(await stored()).toMatch(/^scrypt\$2048\$8\$1\$/);
    await signIn(t, 'old.hash', 'an older passphrase');
    await t.http().post('/api/v1/auth/sign-in').send({ username: 'old.hash', password: 'not the passphrase' }).expect(401);
  });

  it('lets a user change their own password: the old one and every session end, the new one must follow the policy', async () => {
    const me = await signIn(t, 'outsider', PASSWORD);
    const other = await signIn(t, 'outsider', PASSWORD);
    const change = (body: Record<string, string>) => t.http().post('/api/v1/auth/password').set(me.auth).send(body);
    const rule = (res: { body: { errors: Array<{ pointer: string; rule: string }> } }) => res.body.errors.map((e) => [e.pointer, e.rule]);
    expect(rule(await change({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' }).expect(422))).toEqual([['/currentPassword', 'currentPassword']]);
    expect(rule(await change({ currentPassword: PASSWORD, newPassword: 'Qwerty123456' }).expect(422))).toEqual([['/newPassword', 'commonPassword']]);
    expect(rule(await change({ currentPassword: PASSWORD, newPassword: PASSWORD }).expect(422))).toEqual([['/newPassword', 'differentFromCurrent']]);
    const changed = await change({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }).expect(200);
    expect(changed.body).toMatchObject({ outcome: 'signed-in', user: { username: 'outsider' } });
    await t.http().get('/api/v1/auth/me').set(me.auth).expect(401);
    await t.http().get('/api/v1/auth/me').set(other.auth).expect(401);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${changed.body.token}`).expect(200);
    await t.http().post('/api/v1/auth/sign-in').send({ username: 'outsider', password: PASSWORD }).expect(401);
    await signIn(t, 'outsider', 'a brand new passphrase');
    expect(await events({ userId: w.outsider.id, event: 'password.change' })).toEqual([
      expect.objectContaining({ outcome: 'ok' }),
      expect.objectContaining({ outcome: 'failed', detail: 'wrong current password' }),
    ]);
  });

  it('documents the sign-in outcomes and the new routes in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const signInOp = doc.paths['/api/v1/auth/sign-in'].post;
    expect(Object.keys(signInOp.responses).sort()).toEqual(['200', '401', '429', '503']);
    expect(signInOp.responses['200'].content['application/json'].schema.discriminator.propertyName).toBe('outcome');
    expect(signInOp.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SignInDto');
    expect(Object.keys(doc.components.schemas.SignInDto.properties).sort()).toEqual(['password', 'recoveryCode', 'totp', 'username']);
    for (const path of ['/api/v1/auth/sign-in/second-factor', '/api/v1/auth/password', '/api/v1/auth/totp/enrolment', '/api/v1/auth/totp/enrolment/confirm', '/api/v1/auth/totp/recovery-codes', '/api/v1/auth/totp/disable', '/api/v1/admin/users/{userId}/totp-reset']) {
      expect({ path, documented: !!doc.paths[path]?.post }).toEqual({ path, documented: true });
    }
    expect(doc.paths['/api/v1/notifications'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/NotificationsDto');
    for (const dto of ['SignedInDto', 'SecondFactorRequiredDto', 'RestrictedSignInDto', 'MeDto', 'TotpEnrolmentDto', 'TotpConfirmedDto', 'NotificationDto']) expect(doc.components.schemas[dto]).toBeDefined();
  });
});

/** At the production cost (N = 2^17, 128 MiB a hash), as `npm start` runs. */
describe('sign-in under a flood of guesses, at the production hashing cost (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ settings: { SCRYPT_LOG_N: '17' } });
    await t.app.get(UsersService).createUser({ username: 'sam.worker', displayName: 'Sam Okafor', role: 'social_worker', password: 'signs-of-safety-demo' });
  });
  afterAll(() => t.close());

  it('answers most of 64 parallel wrong guesses from one address with 429 before hashing, and still signs in the user from another address', async () => {
    const hasher = t.app.get(PasswordHasher);
    expect(hasher.logN).toBe(17);
    const before = hasher.stats.computed;
    const guesses = Array.from({ length: 64 }, (_, i) => signInFrom(t, '127.0.0.66', 'sam.worker', `guess number ${i}!`));
    const user = signInFrom(t, '127.0.0.77', 'sam.worker', 'signs-of-safety-demo');
    const [answers, mine] = await Promise.all([Promise.all(guesses), user]);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ outcome: 'signed-in', user: { username: 'sam.worker' } });
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // at most 5 guesses (the per-address limit) were checked; the rest were refused without a hash
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(59);
    expect(hasher.stats.computed - before).toBeLessThanOrEqual(6);
    for (const a of answers.filter((x) => x.status === 429)) expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // and the user's hash is at the production cost
    const [{ password_hash: stored }] = await t.dataSource.query(`SELECT password_hash FROM users WHERE username = 'sam.worker'`);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('refuses a sign-in beyond 4 at once from one address without waiting for a hash', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => requestFrom(t, '127.0.0.88', 'POST', '/api/v1/auth/sign-in', { username: 'someone', password: 'a guess at it!' })));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(4);
  });
});
