import { Page } from 'playwright-core';
import { UsersService } from '@mapwork/auth';
import { PageAgent, WebApp, csrfTokenOn, pageAgent, signIn, signedInAgent, startWebApp, watchDialogs } from './support/web';
import { PASSWORD, PEOPLE, World, buildWorld, mappingData, openCase } from './support/world';

/** Markup in a field: shown as text it is harmless; run, it opens a dialog (and an image request). */
const X = (field: string) => `<script>alert("${field}")</script><img src=x onerror=alert("${field}")>"'&`;

type Dom = { body: { innerText: string }; scripts: { length: number }; images: { length: number } };
/** The page's text and how many script and image elements it has, read from the DOM. */
function readDom(page: Page): Promise<{ text: string; scripts: number; images: number }> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: Dom }).document;
    return { text: d.body.innerText, scripts: d.scripts.length, images: d.images.length };
  });
}

/**
 * Pages fail safe: a post without this browser's CSRF token changes nothing, another
 * team's case is indistinguishable from a missing one, typed markup is only ever text,
 * roles see what the API shows them, and every view of a case is in the access log.
 */
describe('the pages fail safe (e2e)', () => {
  jest.setTimeout(5 * 60_000);
  let web: WebApp;
  let w: World;
  let caseId: string;
  let theirs: string;
  let worker: PageAgent;

  beforeAll(async () => {
    web = await startWebApp();
    w = await buildWorld(web);
    caseId = await openCase(web, w, 'S1-0001');
    theirs = (await web.http().post('/api/v1/cases').set(w.outsider.auth).send({ site: 'S1', ref: 'S1-0900', team: 'Team B', stage: 'early_help', openedOn: '2019-12-01', people: PEOPLE }).expect(201)).body.case.id;
    worker = await signedInAgent(web, 'worker');
  });
  afterAll(() => web?.close());

  const peopleOf = async (id: string) => (await web.http().get(`/api/v1/cases/${id}/people?pageSize=200`).set(w.worker.auth).expect(200)).body.items as Array<{ id: string; name?: string }>;

  describe('headers', () => {
    const strict = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"];

    it('sends a strict Content-Security-Policy and the security headers on pages and the API, and no-store', async () => {
      const responses = {
        'sign-in page': await pageAgent(web).get('/sign-in').set('X-Forwarded-Proto', 'https'),
        'case page': await worker.get(`/cases/${caseId}`),
        'case in the API': await web.http().get(`/api/v1/cases/${caseId}`).set(w.worker.auth),
        'missing page': await worker.get('/nowhere'),
        'API problem': await web.http().get('/api/v1/cases'),
        // refused at the edge, before any route: the headers come first
        'page address refused': await worker.get('/cases/%00'),
        'API address refused': await web.http().get('/api/v1/cases/%ff').set(w.worker.auth),
      };
      for (const [what, res] of Object.entries(responses)) {
        const csp = String(res.headers['content-security-policy']).split(';');
        expect({ what, strict: strict.every((d) => csp.includes(d)), inline: csp.some((d) => d.includes('unsafe')) }).toEqual({ what, strict: true, inline: false });
        expect({
          what,
          poweredBy: res.headers['x-powered-by'],
          nosniff: res.headers['x-content-type-options'],
          referrer: res.headers['referrer-policy'],
          frames: res.headers['x-frame-options'],
          cache: res.headers['cache-control'],
          // plain HTTP, and TRUST_PROXY is off: X-Forwarded-Proto is not believed
          hsts: res.headers['strict-transport-security'],
        }).toEqual({ what, poweredBy: undefined, nosniff: 'nosniff', referrer: 'no-referrer', frames: 'DENY', cache: 'no-store', hsts: undefined });
      }
    });

    it('serves GOV.UK Frontend and the project’s assets itself, versioned and cached for a year, without the GOV.UK brand', async () => {
      const html = (await worker.get('/')).text;
      const base = /href="(\/assets\/[0-9a-f]{12})\/application\.css"/.exec(html)![1];
      expect(html).toContain(`<script type="module" src="${base}/application.js"></script>`);
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
      for (const [file, type] of [['application.css', 'text/css'], ['application.js', 'javascript'], ['govuk-frontend.min.js', 'javascript']]) {
        const res = await web.http().get(`${base}/${file}`).expect(200);
        expect({ file, type: res.headers['content-type'], cache: res.headers['cache-control'] }).toEqual({ file, type: expect.stringContaining(type), cache: 'public, max-age=31536000, immutable' });
      }
      const css = (await web.http().get(`${base}/application.css`)).text;
      expect(css).toContain('font-family:system-ui');
      expect(css).not.toMatch(/GDS Transport|govuk-crest|\.woff/);
      const js = (await web.http().get(`${base}/application.js`)).text;
      expect(js).toContain("classList.add('js-enabled', 'govuk-frontend-supported')");
      await web.http().get('/assets/000000000000/application.css').expect(404);
    });

    it('keeps the printable documents’ stricter policy (no script at all), and lets the API documentation use inline styles', async () => {
      await web.http().post(`/api/v1/cases/${caseId}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData() }).expect(201);
      const print = await web.http().get(`/api/v1/cases/${caseId}/mappings/m1/print`).set(w.worker.auth).expect(200);
      expect(print.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      const docs = await web.http().get('/api/docs/').expect(200);
      expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    });
  });

  describe('CSRF', () => {
    const person = { role: 'friend', name: 'Posted from elsewhere' };

    it('refuses a form post without this browser’s token with a 403 page, and changes nothing', async () => {
      const before = await peopleOf(caseId);
      const others = await signedInAgent(web, 'colleague');
      const theirToken = await csrfTokenOn(others, `/cases/${caseId}/people/new`);
      for (const [what, fields] of [
        ['no token', person],
        ['a wrong token', { ...person, _csrf: 'x'.repeat(43) }],
        ['another session’s token', { ...person, _csrf: theirToken }],
      ] as const) {
        const res = await worker.post(`/cases/${caseId}/people/new`).type('form').send(fields);
        expect({ what, status: res.status, type: res.headers['content-type'] }).toEqual({ what, status: 403, type: 'text/html; charset=utf-8' });
        expect(res.text).toContain('This form could not be sent');
      }
      // a page of another site posting with the browser's cookies: no token it could know
      const fromElsewhere = await worker.post(`/cases/${caseId}/people/new`).set('Origin', 'https://evil.example').type('form').send(person);
      expect(fromElsewhere.status).toBe(403);
      expect(await peopleOf(caseId)).toEqual(before);
      // the same post with the token goes through
      const _csrf = await csrfTokenOn(worker, `/cases/${caseId}/people/new`);
      await worker.post(`/cases/${caseId}/people/new`).type('form').send({ ...person, _csrf }).expect(303);
      expect((await peopleOf(caseId)).length).toBe(before.length + 1);
    });

    it('protects signing in and out too', async () => {
      const anonymous = pageAgent(web);
      await anonymous.get('/sign-in').expect(200);
      const res = await anonymous.post('/sign-in').type('form').send({ username: 'worker', password: PASSWORD });
      expect(res.status).toBe(403);
      expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^mapwork-session=/)]));
      await worker.post('/sign-out').type('form').send({}).expect(403);
      await worker.get('/').expect(200);
    });
  });

  describe('another team’s case', () => {
    it('answers exactly as a missing one, on every page of a case', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const path of ['', '/people/new', '/people/c1', '/mappings/m1']) {
        const a = await worker.get(`/cases/${theirs}${path}`);
        const b = await worker.get(`/cases/${missing}${path}`);
        expect({ path, status: a.status, body: a.text }).toEqual({ path, status: 404, body: b.text });
      }
      const _csrf = await csrfTokenOn(worker, '/');
      const a = await worker.post(`/cases/${theirs}/people/new`).type('form').send({ _csrf, role: 'friend', name: 'x' });
      const b = await worker.post(`/cases/${missing}/people/new`).type('form').send({ _csrf, role: 'friend', name: 'x' });
      expect({ status: a.status, body: a.text }).toEqual({ status: 404, body: b.text });
      expect((await worker.get('/cases/not-a-case-id')).status).toBe(404);
    });
  });

  describe('roles', () => {
    it('team managers read their teams’ cases and change nothing; admins and evaluators see no case content', async () => {
      const manager = await signedInAgent(web, 'manager');
      const page = await manager.get(`/cases/${caseId}`).expect(200);
      expect(page.text).toContain('Ellie Carter');
      expect(page.text).not.toContain('Add a person');
      expect((await manager.get(`/cases/${caseId}/people/new`)).status).toBe(403);
      const _csrf = await csrfTokenOn(manager, `/cases/${caseId}`);
      expect((await manager.post(`/cases/${caseId}/people/new`).type('form').send({ _csrf, role: 'friend' })).status).toBe(403);
      for (const username of ['admin', 'evaluator']) {
        const agent = await signedInAgent(web, username);
        const home = await agent.get('/').expect(200);
        expect(home.text).toContain('Your role does not show case records');
        expect(home.text).not.toContain('Ellie Carter');
        const res = await agent.get(`/cases/${caseId}`);
        expect({ username, status: res.status, shows: res.text.includes('Ellie Carter') }).toEqual({ username, status: 403, shows: false });
      }
    });

    it('shows the audits waiting for sign-off, and overdue audit actions to team managers, as the audits API does', async () => {
      const manager = { Authorization: `Bearer ${w.manager.token}` };
      const round = await web.http().post('/api/v1/audit-rounds').set(manager)
        .send({ name: 'January', teamIds: [w.teamA.id], asOf: web.clock.now(), sample: { kind: 'named', cases: [{ site: 'S1', ref: 'S1-0001' }] }, dueOn: '2020-02-01' })
        .expect(201);
      const audit = (await web.http().post(`/api/v1/audit-rounds/${round.body.id}/draw`).set(manager).expect(200)).body.audits[0];
      await web.http().patch(`/api/v1/audits/${audit.id}`).set(manager)
        .send({ version: audit.version, actions: [{ text: 'Ask Ellie about her three houses', owner: 'Worker', dueOn: '2020-01-03' }] })
        .expect(200);
      const managerHome = (await (await signedInAgent(web, 'manager')).get('/').expect(200)).text;
      expect(managerHome).toContain('Audits waiting for sign-off');
      expect(managerHome).toContain(`<a class="govuk-link" href="/cases/${caseId}">S1-0001</a>`);
      expect(managerHome).toContain('Overdue audit actions');
      expect(managerHome).toContain('Ask Ellie about her three houses: Worker, due 3 January 2020 (case S1-0001)');
      const workerHome = (await worker.get('/').expect(200)).text;
      expect(workerHome).toContain('Audits waiting for sign-off');
      expect(workerHome).not.toContain('Overdue audit actions');
      expect((await (await signedInAgent(web, 'colleague')).get('/').expect(200)).text).not.toContain('Audits waiting for sign-off');
    });

    it('writes every page view of a case to the one access log, marked as the web', async () => {
      await worker.get(`/cases/${caseId}`).expect(200);
      await worker.get('/').expect(200);
      await worker.get(`/cases/${theirs}`).expect(404);
      type Entry = { route: string; interface: string; event: string; outcome: string; cases: string[]; address: string | null };
      const log = (await web.http().get(`/api/v1/admin/access-log?userId=${w.worker.id}`).set(w.admin.auth).expect(200)).body.items as Entry[];
      expect(log).toEqual(expect.arrayContaining([
        expect.objectContaining({ route: `GET /cases/${caseId}`, interface: 'web', event: 'case.read', outcome: 'ok', cases: [caseId] }),
        // the home page is a list: one entry naming the cases it showed
        expect.objectContaining({ route: 'GET /', interface: 'web', event: 'case.list', outcome: 'ok', cases: expect.arrayContaining([caseId]) }),
        // another team's case: a page not found, and a refusal in the log
        expect.objectContaining({ route: `GET /cases/${theirs}`, interface: 'web', event: 'refusal', outcome: 'refused', cases: [theirs] }),
        expect.objectContaining({ route: 'POST /sign-in', interface: 'web', event: 'sign-in.success' }),
      ]));
      expect(log.filter((e) => e.interface === 'web').every((e) => e.address !== null)).toBe(true);
      const api = (await web.http().get(`/api/v1/admin/access-log?caseId=${caseId}`).set(w.admin.auth).expect(200)).body.items as Entry[];
      expect(api.find((e) => e.route.startsWith('POST /api/v1/cases'))?.interface).toBe('api');
    });
  });

  describe('form bodies', () => {
    it('reads long lists (past qs’s 20) into lists', async () => {
      const _csrf = await csrfTokenOn(worker, '/cases/new');
      const rows = Array.from({ length: 30 }, (_, i) => `people[${i}][role]=child&people[${i}][name]=Child%20${i}`).join('&');
      const team = w.teamA.id;
      const res = await worker.post('/cases/new').type('form').send(`_csrf=${_csrf}&team=${team}&ref=S1-LONG&stage=early_help&openedOn[day]=1&openedOn[month]=1&openedOn[year]=2020&${rows}`);
      expect(res.status).toBe(303);
      const id = /\/cases\/([0-9a-f-]{36})/.exec(res.headers.location)![1];
      const people = await peopleOf(id);
      expect(people.map((p) => p.name).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Child ${i}`).sort());
    });

    it('holds forms to the API’s edge rules (UTF-8, no NUL or lone surrogate, nesting), answered with an error page and nothing saved', async () => {
      const _csrf = await csrfTokenOn(worker, `/cases/${caseId}/people/new`);
      const before = await peopleOf(caseId);
      const bodies: Array<[string, string | Buffer]> = [
        ['NUL in a value', `_csrf=${_csrf}&role=friend&name=Ann%00Smith`],
        ['NUL in a name', `_csrf=${_csrf}&role=friend&na%00me=Ann`],
        ['percent-encoding that is not UTF-8', `_csrf=${_csrf}&role=friend&name=Ann%ffSmith`],
        ['an encoded lone surrogate', `_csrf=${_csrf}&role=friend&name=%ED%A0%80`],
        ['bytes that are not UTF-8', Buffer.concat([Buffer.from(`_csrf=${_csrf}&role=friend&name=Ann`), Buffer.from([0xff, 0xfe])])],
        ['nesting deeper than forms use', `_csrf=${_csrf}&role=friend&a[b][c][d][e][f][g]=1`],
      ];
      for (const [what, body] of bodies) {
        // bytes as they are (superagent would otherwise serialise a Buffer as an object)
        const res = await worker.post(`/cases/${caseId}/people/new`).type('form').serialize((b: string | Buffer) => b as string).send(body);
        expect({ what, status: res.status, type: res.headers['content-type'] }).toEqual({ what, status: 422, type: expect.stringMatching(/^text\/html/) });
        expect(res.text).toContain('What was sent could not be accepted');
      }
      const latin1 = await worker.post(`/cases/${caseId}/people/new`).set('Content-Type', 'application/x-www-form-urlencoded; charset=iso-8859-1').send(`_csrf=${_csrf}&role=friend&name=Ann`);
      expect({ status: latin1.status, type: latin1.headers['content-type'] }).toEqual({ status: 415, type: expect.stringMatching(/^text\/html/) });
      // the same rules on a page's address
      const badUrl = await worker.get('/cases/%00');
      expect({ status: badUrl.status, type: badUrl.headers['content-type'] }).toEqual({ status: 422, type: expect.stringMatching(/^text\/html/) });
      expect(await peopleOf(caseId)).toEqual(before);
    });
  });

  describe('markup typed into any field', () => {
    let page: Page;
    let dialogs: string[];
    let xCase: string;

    beforeAll(async () => {
      const users = web.app.get(UsersService);
      const team = await users.createTeam('S1', X('team'));
      await users.createUser({ username: 'marked', displayName: X('display name'), role: 'social_worker', password: PASSWORD, teamIds: [team.id] });
      const token = (await web.http().post('/api/v1/auth/sign-in').send({ username: 'marked', password: PASSWORD }).expect(200)).body.token;
      const auth = { Authorization: `Bearer ${token}` };
      const people = [
        { id: 'c1', role: 'child', name: X('child') },
        { id: 'p1', role: 'parent', name: X('parent'), relationship: X('relationship') },
      ];
      xCase = (await web.http().post('/api/v1/cases').set(auth).send({ site: 'S1', ref: X('ref'), team: X('team'), stage: 'child_protection', openedOn: '2020-01-02', people, reason: X('case reason') }).expect(201)).body.case.id;
      const steps = [{ text: X('next step'), owner: X('owner'), dueOn: '2020-01-03' }, { text: X('upcoming step'), owner: null, dueOn: '2020-02-01' }];
      await web.http().post(`/api/v1/cases/${xCase}/mappings`).set(auth).send({ id: 'm1', data: mappingData({ nextSteps: steps, harm: [{ text: X('harm') }] }), reason: X('mapping reason') }).expect(201);
      page = await web.newPage();
      dialogs = watchDialogs(page);
      await signIn(page, 'marked');
    });

    async function expectShownAsText(fields: string[]) {
      const dom = await readDom(page);
      for (const f of fields) expect({ field: f, shown: dom.text.includes(X(f)) }).toEqual({ field: f, shown: true });
      // one script (application.js), no image: nothing typed became an element
      expect({ scripts: dom.scripts, images: dom.images }).toEqual({ scripts: 1, images: 0 });
      // the same HTML without the Content-Security-Policy: only the escaping stands between the text and the page
      const bare = await web.browser.newPage();
      const bareDialogs = watchDialogs(bare);
      await bare.setContent(await page.content(), { waitUntil: 'load' });
      await bare.waitForTimeout(100);
      expect(bareDialogs).toEqual([]);
      await bare.close();
      expect(dialogs).toEqual([]);
    }

    it('is shown as text and run nowhere: home, search, case, record, forms', async () => {
      await page.goto('/');
      await expectShownAsText(['child', 'next step', 'owner', 'upcoming step', 'display name']);
      await page.getByLabel('Search by child’s name, case reference or worker').fill(X('search'));
      await page.getByRole('button', { name: 'Search' }).click();
      await expectShownAsText(['search']);
      await page.goto(`/cases/${xCase}`);
      await expectShownAsText(['child', 'parent', 'relationship', 'ref', 'team', 'mapping reason', 'next step', 'display name']);
      await page.goto(`/cases/${xCase}/mappings/m1`);
      await expectShownAsText(['harm', 'next step', 'owner']);
      await page.goto(`/cases/${xCase}/people/p1`);
      expect(await page.getByLabel('Full name').inputValue()).toBe(X('parent'));
      await page.getByLabel('Why you are making this change (optional)').fill(X('reason'));
      await page.getByRole('group', { name: 'Date of birth (if known)' }).getByLabel('Day').fill(X('day'));
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).isVisible()).resolves.toBe(true);
      expect(await page.getByLabel('Why you are making this change (optional)').inputValue()).toBe(X('reason'));
      expect(await page.getByRole('group', { name: 'Date of birth (if known)' }).getByLabel('Day').inputValue()).toBe(X('day'));
      await expectShownAsText(['display name']);
      const signInPage = await web.newPage();
      const signInDialogs = watchDialogs(signInPage);
      await signInPage.goto(`/sign-in?returnTo=${encodeURIComponent('/"><script>alert(1)</script>')}`);
      await signInPage.getByLabel('Username').fill(X('u').slice(0, 60));
      await signInPage.getByLabel('Password').fill('wrong');
      await signInPage.getByRole('button', { name: 'Sign in' }).click();
      expect(await signInPage.getByLabel('Username').inputValue()).toBe(X('u').slice(0, 60));
      expect((await readDom(signInPage)).scripts).toBe(1);
      expect(signInDialogs).toEqual([]);
    });
  });
});
