import { WebApp, csrfTokenOn, pageAgent, signIn, signedInAgent, startWebApp } from './support/web';
import { PASSWORD, World, buildWorld, openCase } from './support/world';

const MINUTE = 60_000;

/**
 * Sessions: an HttpOnly cookie naming a server-side session that ends after 30 minutes
 * without use and 2 hours after sign-in (as set here), the same idle rule for API bearer
 * tokens, Secure `__Host-` cookies and HSTS behind a TLS proxy, and nothing typed lost
 * when a session ends while a form is open.
 */
describe('sessions (e2e)', () => {
  jest.setTimeout(5 * 60_000);
  let web: WebApp;
  let w: World;
  let caseId: string;

  beforeAll(async () => {
    web = await startWebApp({ settings: { IDLE_TIMEOUT_MINUTES: '30', SESSION_TTL_MINUTES: '120', TOKEN_TTL_MINUTES: '180', TRUST_PROXY: 'true' } });
    w = await buildWorld(web);
    caseId = await openCase(web, w, 'S1-0001');
  });
  afterAll(() => web?.close());

  const cookieOf = (res: { headers: Record<string, unknown> }, name: string) =>
    ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

  it('signs in to a new HttpOnly, SameSite session each time, and signs out on the server', async () => {
    const agent = pageAgent(web);
    const _csrf = await csrfTokenOn(agent, '/sign-in');
    const first = await agent.post('/sign-in').type('form').send({ _csrf, username: 'worker', password: PASSWORD }).expect(303);
    const cookie = cookieOf(first, 'mapwork-session')!;
    expect(cookie).toMatch(/^mapwork-session=mws_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const stolen = pageAgent(web);
    const value = cookie.split(';')[0];
    await stolen.get('/').set('Cookie', value).expect(200);
    // signing in again (say, after a change of user) rotates the id: the old one ends
    const again = await agent.post('/sign-in').type('form').send({ _csrf: await csrfTokenOn(agent, '/sign-in'), username: 'worker', password: PASSWORD }).expect(303);
    expect(cookieOf(again, 'mapwork-session')!.split(';')[0]).not.toBe(value);
    expect((await stolen.get('/').set('Cookie', value)).status).toBe(303);
    await agent.get('/').expect(200);
    // signing out ends the session itself, not only the cookie
    const current = cookieOf(again, 'mapwork-session')!.split(';')[0];
    await agent.post('/sign-out').type('form').send({ _csrf: await csrfTokenOn(agent, '/') }).expect(303);
    expect((await pageAgent(web).get('/').set('Cookie', current)).status).toBe(303);
  });

  it('ends a session after 30 minutes without use and 2 hours after sign-in, however busy', async () => {
    const agent = await signedInAgent(web, 'worker');
    for (let i = 0; i < 4; i++) {
      web.clock.advance(25 * MINUTE);
      await agent.get('/').expect(200);
    }
    // 125 minutes after sign-in, 25 after the last use
    web.clock.advance(25 * MINUTE);
    const late = await agent.get('/');
    expect({ status: late.status, location: late.headers.location }).toEqual({ status: 303, location: '/sign-in?returnTo=%2F&ended=yes' });

    const idle = await signedInAgent(web, 'worker');
    web.clock.advance(29 * MINUTE);
    await idle.get(`/cases/${caseId}`).expect(200);
    web.clock.advance(31 * MINUTE);
    const res = await idle.get(`/cases/${caseId}?x=1`);
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 303, location: `/sign-in?returnTo=${encodeURIComponent(`/cases/${caseId}?x=1`)}&ended=yes` });
  });

  it('gives API bearer tokens the same idle timeout', async () => {
    const signInApi = async () => (await web.http().post('/api/v1/auth/sign-in').send({ username: 'worker', password: PASSWORD }).expect(200)).body.token as string;
    const busy = await signInApi();
    const idle = await signInApi();
    for (let i = 0; i < 3; i++) {
      web.clock.advance(20 * MINUTE);
      await web.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${busy}`).expect(200);
    }
    await web.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${idle}`).expect(401);
    web.clock.advance(130 * MINUTE);
    await web.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${busy}`).expect(401);
    // a session cookie is no bearer token, and a bearer token no session
    const session = await signedInAgent(web, 'worker');
    await session.get('/api/v1/auth/me').expect(401);
    const token = await signInApi();
    expect((await pageAgent(web).get('/').set('Cookie', `mapwork-session=${token}`)).status).toBe(303);
  });

  it('behind a TLS proxy (TRUST_PROXY): Secure __Host- cookies and HSTS; never over plain HTTP', async () => {
    const plain = await pageAgent(web).get('/sign-in').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(cookieOf(plain, 'mapwork-presession')).not.toMatch(/Secure/);
    const tls = pageAgent(web);
    const page = await tls.get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(cookieOf(page, '__Host-mapwork-presession')).toMatch(/; Path=\/; .*HttpOnly; Secure; SameSite=Lax$/);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const presession = cookieOf(page, '__Host-mapwork-presession')!.split(';')[0];
    const signedIn = await tls.post('/sign-in').set('X-Forwarded-Proto', 'https').set('Cookie', presession).type('form').send({ _csrf, username: 'worker', password: PASSWORD }).expect(303);
    const session = cookieOf(signedIn, '__Host-mapwork-session')!;
    expect(session).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    await pageAgent(web).get('/').set('X-Forwarded-Proto', 'https').set('Cookie', session.split(';')[0]).expect(200);
    // the same value without the prefix is not this browser's session over TLS
    expect((await pageAgent(web).get('/').set('X-Forwarded-Proto', 'https').set('Cookie', session.split(';')[0].replace('__Host-', ''))).status).toBe(303);
  });

  it('sends the browser back only to a page of this site after signing in', async () => {
    for (const [returnTo, expected] of [
      [`/cases/${caseId}`, `/cases/${caseId}`],
      ['https://evil.example/', '/'],
      ['//evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['/api/v1/cases', '/'],
    ]) {
      const agent = pageAgent(web);
      const _csrf = await csrfTokenOn(agent, '/sign-in');
      const res = await agent.post('/sign-in').type('form').send({ _csrf, username: 'worker', password: PASSWORD, returnTo }).expect(303);
      expect({ returnTo, location: res.headers.location }).toEqual({ returnTo, location: expected });
    }
  });

  it('keeps what was typed when the session ends with a form open, for the same user only', async () => {
    const people = async () => (await web.http().get(`/api/v1/cases/${caseId}/people?pageSize=200`).set({ Authorization: `Bearer ${(await web.http().post('/api/v1/auth/sign-in').send({ username: 'manager', password: PASSWORD })).body.token}` })).body.items as Array<{ name: string }>;
    const before = (await people()).length;
    const page = await web.newPage();
    await signIn(page, 'worker');
    await page.goto(`/cases/${caseId}/people/new`);
    await page.getByRole('radio', { name: 'Relative' }).check();
    await page.getByLabel('Full name').fill('Auntie Mo');
    await page.getByLabel('Why you are making this change (optional)').fill('Met her at the school gate; typed slowly');
    web.clock.advance(31 * MINUTE);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await expect(page.getByText('What you typed has been kept').isVisible()).resolves.toBe(true);
    expect((await people()).length).toBe(before);

    await signIn(page, 'worker');
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}/people/new`);
    await expect(page.getByText('This is what you typed before your session ended. Check it and save it.').isVisible()).resolves.toBe(true);
    expect(await page.getByLabel('Full name').inputValue()).toBe('Auntie Mo');
    expect(await page.getByRole('radio', { name: 'Relative' }).isChecked()).toBe(true);
    expect((await people()).length).toBe(before);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/cases/${caseId}?done=person-added#people`);
    expect((await people()).map((p) => p.name)).toContain('Auntie Mo');
    // handed back once only
    await page.goto(`/cases/${caseId}/people/new`);
    expect(await page.getByLabel('Full name').inputValue()).toBe('');

    // someone else signing in next in that browser does not get it, and it is gone
    await page.getByLabel('Full name').fill('Not for a colleague');
    web.clock.advance(31 * MINUTE);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await signIn(page, 'colleague');
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}/people/new`);
    expect(await page.getByLabel('Full name').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'worker');
    await page.goto(`/cases/${caseId}/people/new`);
    expect(await page.getByLabel('Full name').inputValue()).toBe('');
  });
});
