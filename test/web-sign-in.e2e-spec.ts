import { Page } from 'playwright-core';
import { accessLog } from './support/access-log';
import { nextTotpCode, rememberTotpSecret } from './support/sign-in';
import { WebApp, csrfTokenOn, expectNoAxeViolations, expectUsableAtDoubleZoom, isFocused, pageAgent, screenshot, signIn, signedInAgent, startWebApp, tabTo } from './support/web';
import { PASSWORD, World, buildWorld } from './support/world';

/**
 * Signing in through the pages on the sign-in contract of AuthService: a code from the
 * app (or a recovery code) after the password for accounts that have one, a password of
 * one's own after an admin set it, an app set up by admins and evaluators who have none,
 * and the throttle's lockout, each page checked with axe-core, at 200 % zoom and by
 * keyboard, and each step in the one access log as the web.
 */
describe('signing in through the pages (e2e)', () => {
  jest.setTimeout(5 * 60_000);
  let web: WebApp;
  let w: World;

  beforeAll(async () => {
    web = await startWebApp();
    w = await buildWorld(web);
  });
  afterAll(() => web?.close());

  const events = (userId: string) => accessLog(web, w.admin.auth, { userId });
  /** A user made by an admin through the API: their first sign-in must choose their own password. */
  async function createdByAdmin(username: string, role: string, teamIds: string[] = []) {
    const res = await web.http().post('/api/v1/admin/users').set(w.admin.auth).send({ username, displayName: `New ${role}`, role, password: 'an admin chose this one', teamIds }).expect(201);
    return res.body.id as string;
  }
  /** Thirty seconds on, so a user may sign in with a new code. */
  const nextStep = () => web.clock.advance(30_000);

  async function passwordStep(page: Page, username: string, password = PASSWORD) {
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('asks an account with an app for its code on a page of its own, reachable and usable by keyboard alone', async () => {
    nextStep();
    const page = await web.newPage();
    await passwordStep(page, 'evaluator');
    await page.waitForURL((url) => url.pathname === '/sign-in/code');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Enter the code from your authenticator app');
    await expectNoAxeViolations(page);
    await expectUsableAtDoubleZoom(page, [page.getByRole('heading', { level: 1 }), page.getByRole('button', { name: 'Continue' })]);
    await screenshot(page, 'sign-in-code');
    // nothing is signed in yet: the home page sends the browser back to sign in
    await expect(page.context().cookies()).resolves.toEqual(expect.not.arrayContaining([expect.objectContaining({ name: 'mapwork-session' })]));

    // a wrong code: the error summary, linked to the field
    const code = nextTotpCode(web, 'evaluator');
    await page.getByLabel('Code from your authenticator app').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).innerText()).resolves.toContain('The code is wrong or was used already');
    await page.getByRole('link', { name: /The code is wrong/ }).click();
    expect(await isFocused(page.getByLabel('Code from your authenticator app'))).toBe(true);
    await expectNoAxeViolations(page);

    // by keyboard: type the code (with the space an app shows), Tab to Continue, Enter
    await page.getByLabel('Code from your authenticator app').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByText('Signed in as evaluator (Evaluator)').isVisible()).resolves.toBe(true);

    const log = await events(w.evaluator.id);
    const web_ = log.filter((e) => e.interface === 'web').map((e) => ({ event: e.event, outcome: e.outcome, route: e.route }));
    expect(web_).toEqual(
      expect.arrayContaining([
        { event: 'sign-in.pending', outcome: 'ok', route: 'POST /sign-in' },
        { event: 'sign-in.failure', outcome: 'failed', route: 'POST /sign-in/code' },
        { event: 'sign-in.success', outcome: 'ok', route: 'POST /sign-in/code' },
      ]),
    );
  });

  it('takes a recovery code instead, once', async () => {
    nextStep();
    // a social worker who set up an app through the API, and kept the recovery codes
    const agent = await signedInAgent(web, 'colleague');
    expect((await agent.get('/').expect(200)).text).toContain('Signed in as');
    const auth = w.colleague.auth;
    const enrolment = await web.http().post('/api/v1/auth/totp/enrolment').set(auth).expect(201);
    rememberTotpSecret(web, 'colleague', enrolment.body.secret);
    const { recoveryCodes } = (await web.http().post('/api/v1/auth/totp/enrolment/confirm').set(auth).send({ totp: nextTotpCode(web, 'colleague') }).expect(200)).body;

    const page = await web.newPage();
    await passwordStep(page, 'colleague');
    await page.getByRole('link', { name: 'I cannot use my app: use a recovery code' }).click();
    await page.waitForURL((url) => url.searchParams.get('with') === 'recovery-code');
    await expectNoAxeViolations(page);
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // used once: the same code again is refused on the form
    const again = await web.newPage();
    await passwordStep(again, 'colleague');
    await again.getByRole('link', { name: 'I cannot use my app: use a recovery code' }).click();
    await again.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await again.getByRole('button', { name: 'Continue' }).click();
    await expect(again.getByRole('alert').filter({ hasText: 'There is a problem' }).innerText()).resolves.toContain('The recovery code is wrong or was used already');
    expect(await events(w.colleague.id)).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'totp.recovery-code', interface: 'web' })]));
  });

  it('sends a user whose password an admin set to choose their own, and nowhere else until they have', async () => {
    const userId = await createdByAdmin('new.worker', 'social_worker', [w.teamA.id]);
    const page = await web.newPage();
    await passwordStep(page, 'new.worker', 'an admin chose this one');
    await page.waitForURL((url) => url.pathname === '/account/password');
    await expect(page.getByText('An administrator set your password.').isVisible()).resolves.toBe(true);
    // the session opens this page only: any other page comes back here, and there is no navigation
    await page.goto('/cases/new');
    await page.waitForURL((url) => url.pathname === '/account/password' && url.searchParams.get('returnTo') === '/cases/new');
    await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link').count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await expectUsableAtDoubleZoom(page, [page.getByRole('heading', { level: 1 }), page.getByRole('button', { name: 'Change password' })]);

    // the policy's rules on their fields; nothing typed comes back
    await page.getByLabel('Current password').fill('an admin chose this one');
    await page.getByLabel('New password').fill('new.worker of the year');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).innerText()).resolves.toContain('Your new password must not contain your username');
    expect(await page.getByLabel('New password').inputValue()).toBe('');
    await page.getByLabel('Current password').fill('not the one');
    await page.getByLabel('New password').fill('a kettle of blue herons');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).innerText()).resolves.toContain('Your current password is wrong');
    await screenshot(page, 'change-password-error');
    await expectNoAxeViolations(page);

    // then on to the page the user asked for before
    await page.getByLabel('Current password').fill('an admin chose this one');
    await page.getByLabel('New password').fill('a kettle of blue herons');
    await tabTo(page, page.getByRole('button', { name: 'Change password' }));
    await page.waitForURL((url) => url.pathname === '/cases/new');
    await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Home' }).isVisible()).resolves.toBe(true);

    // the new password signs in straight to the home page, and can be changed again at will
    const next = await web.newPage();
    await signIn(next, 'new.worker', 'a kettle of blue herons');
    expect(new URL(next.url()).pathname).toBe('/');
    await next.getByRole('link', { name: 'Change your password' }).click();
    await expect(next.getByText('An administrator set your password.').count()).resolves.toBe(0);
    await next.getByLabel('Current password').fill('a kettle of blue herons');
    await next.getByLabel('New password').fill('an otter under the bridge');
    await next.getByRole('button', { name: 'Change password' }).click();
    await next.waitForURL((url) => url.pathname === '/');
    await expect(next.getByText('Your password has been changed.').isVisible()).resolves.toBe(true);
    // every other session of the user ended with the change
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect((await events(userId)).filter((e) => e.event === 'password.change').map((e) => ({ interface: e.interface, outcome: e.outcome }))).toEqual([
      // newest first
      { interface: 'web', outcome: 'ok' },
      { interface: 'web', outcome: 'ok' },
      { interface: 'web', outcome: 'failed' },
    ]);
  });

  it('has an evaluator without an app set one up from a QR code drawn in the page, then shows the recovery codes once', async () => {
    await createdByAdmin('new.evaluator', 'evaluator');
    const page = await web.newPage();
    await passwordStep(page, 'new.evaluator', 'an admin chose this one');
    await page.getByLabel('Current password').fill('an admin chose this one');
    await page.getByLabel('New password').fill('seven quiet lighthouses');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((url) => url.pathname === '/account/two-factor');
    await expect(page.getByText('Administrators and evaluators sign in with a code').isVisible()).resolves.toBe(true);
    const qr = page.getByRole('img', { name: /QR code for adding mapwork to your authenticator app/ });
    await expect(qr.isVisible()).resolves.toBe(true);
    // the image is markup of the page, drawn without script and without loading anything
    expect(await qr.evaluate((el) => ({ tag: el.tagName, scripts: el.querySelectorAll('script, image, use, foreignObject').length }))).toEqual({ tag: 'svg', scripts: 0 });
    const box = await qr.boundingBox();
    expect(box && box.width >= 150 && box.height === box.width).toBe(true);
    await expectNoAxeViolations(page);
    await expectUsableAtDoubleZoom(page, [page.getByRole('heading', { level: 1 }), qr]);
    await screenshot(page, 'two-factor-set-up');

    const key = (await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/).first().innerText()).replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    // the page again shows the same key: the enrolment waits for its code
    await page.reload();
    expect((await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/).first().innerText()).replace(/\s/g, '')).toBe(key);
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/account/two-factor');

    rememberTotpSecret(web, 'new.evaluator', key);
    await page.getByLabel('Code from your authenticator app').fill('12345');
    await page.getByRole('button', { name: 'Set up the app' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).innerText()).resolves.toContain('Enter the 6 digits your app shows');
    await page.getByLabel('Code from your authenticator app').fill(nextTotpCode(web, 'new.evaluator'));
    await tabTo(page, page.getByRole('button', { name: 'Set up the app' }));
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Your authenticator app is set up');
    const codes = await page.getByRole('listitem').filter({ hasText: /^[a-z0-9]{4}(-[a-z0-9]{4}){2}$/ }).allInnerTexts();
    expect(codes).toHaveLength(10);
    await expectNoAxeViolations(page);
    await screenshot(page, 'recovery-codes');
    await page.getByRole('link', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByText('Signed in as New evaluator (Evaluator)').isVisible()).resolves.toBe(true);

    // from now on the password alone is not enough
    nextStep();
    const next = await web.newPage();
    await passwordStep(next, 'new.evaluator', 'seven quiet lighthouses');
    await next.waitForURL((url) => url.pathname === '/sign-in/code');
  });

  it('says how long to wait when sign-ins are throttled, and locks the username from this address after 5 failures', async () => {
    const page = await web.newPage();
    for (let i = 0; i < 5; i++) {
      await passwordStep(page, 'manager', 'not the password');
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).innerText()).resolves.toContain('Enter a correct username and password');
    }
    await passwordStep(page, 'manager', PASSWORD);
    const alert = await page.getByRole('alert').filter({ hasText: 'There is a problem' }).innerText();
    expect(alert).toContain('There have been too many attempts to sign in to this account, or from this network. Wait 15 minutes, then try again.');
    await expectNoAxeViolations(page);
    await screenshot(page, 'sign-in-locked');

    const agent = pageAgent(web);
    const _csrf = await csrfTokenOn(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf, username: 'manager', password: PASSWORD });
    expect({ status: res.status, retryAfter: Number(res.headers['retry-after']) }).toEqual({ status: 429, retryAfter: expect.any(Number) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(14 * 60);

    // fifteen minutes on, the right password works again
    web.clock.advance(15 * 60_000 + 1000);
    const later = await web.newPage();
    await signIn(later, 'manager');
    expect(new URL(later.url()).pathname).toBe('/');
    expect(await events(w.manager.id)).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'sign-in.lockout', interface: 'web', outcome: 'refused' })]));
  });

  it('starts the sign-in again after five wrong codes', async () => {
    nextStep();
    const page = await web.newPage();
    await passwordStep(page, 'admin');
    await page.waitForURL((url) => url.pathname === '/sign-in/code');
    const right = nextTotpCode(web, 'admin');
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Code from your authenticator app').fill(wrong);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    }
    await page.getByLabel('Code from your authenticator app').fill(right);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await expect(page.getByText('That sign-in took too long or had too many wrong codes. Sign in again.').isVisible()).resolves.toBe(true);
    await expect(page.context().cookies()).resolves.toEqual(expect.not.arrayContaining([expect.objectContaining({ name: 'mapwork-sign-in' })]));
  });

  it('finds the code page empty-handed without the first step', async () => {
    const page = await web.newPage();
    await page.goto('/sign-in/code?returnTo=%2Fcases%2Fnew');
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('returnTo') === '/cases/new');
  });
});
