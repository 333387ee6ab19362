import { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { TestApp, createTestApp } from './support/test-app';
import { World, buildWorld } from './support/world';

/** Something in every field that would run if it reached the page as markup. */
const X = (field: string) => `<script>window.__xss=(window.__xss||[]).concat('${field}')</script><img src=x onerror="window.__xss=(window.__xss||[]).concat('${field}-img')">"'&`;

describe('printable map and family safety plan (e2e, real browser)', () => {
  // installing Debian's chromium on a fresh machine takes a minute or two
  jest.setTimeout(5 * 60_000);
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    browser = await launchChromium();
    const people = [
      { id: 'c1', role: 'child', name: X('child name') },
      { id: 'p1', role: 'parent', name: X('parent name') },
      { id: 'n1', role: 'relative', name: X('relative name'), relationship: X('relationship') },
    ];
    caseId = (await t.http().post('/api/v1/cases').set(w.worker.auth).send({ site: 'S1', ref: 'S1-X', team: 'Team A', stage: 'child_protection', openedOn: '2020-01-02', people }).expect(201)).body.case.id;
    const item = (f: string) => [{ text: X(f) }];
    await t.http().post(`/api/v1/cases/${caseId}/mappings`).set(w.worker.auth).send({
      id: 'm1',
      data: {
        heldOn: '2020-01-06', kind: 'initial',
        participants: [{ personId: 'p1', role: 'parent' }, { role: 'professional', label: X('participant label') }],
        harm: item('harm'), complicatingFactors: item('complicating'), existingStrengths: item('strengths'), existingSafety: item('safety'),
        dangerStatements: [{ id: 'd1', worriedWho: X('who'), behaviour: X('behaviour'), impact: X('impact'), text: X('danger statement') }],
        safetyGoals: [{ id: 'g1', text: X('goal'), addresses: ['d1'] }],
        nextSteps: [{ text: X('next step'), owner: X('owner'), dueOn: '2020-01-20' }],
        scaleRatings: [{ raterRole: 'professional', score: 3, reason: X('scale reason') }, { raterRole: 'parent', personId: 'p1', score: 7, reason: X('parent reason') }],
      },
    }).expect(201);
    await t.http().post(`/api/v1/cases/${caseId}/safety-plans`).set(w.worker.auth).send({
      id: 'sp1',
      data: { status: 'agreed', agreedOn: '2020-01-10', rules: [{ text: X('rule'), ensuredBy: ['p1', 'n1'] }], network: [{ personId: 'n1', commitment: X('commitment') }], goalIds: ['g1'], familyWords: true },
    }).expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it.each([
    ['map', 'mappings/m1/print', ['harm', 'danger statement', 'complicating', 'strengths', 'safety', 'goal', 'next step', 'owner', 'scale reason', 'parent reason', 'participant label', 'child name', 'parent name']],
    ['family safety plan', 'safety-plans/sp1/print', ['rule', 'commitment', 'goal', 'danger statement', 'child name', 'parent name', 'relative name', 'relationship']],
  ])('the %s shows every field as text and runs none of it', async (_, path, fields) => {
    const res = await t.http().get(`/api/v1/cases/${caseId}/${path}`).set(w.manager.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.text;
    expect(html).not.toMatch(/<script|<img/i);

    // load it without the CSP, so only the escaping stands between the text and the page
    // (string expressions: this Node project has no DOM types)
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForTimeout(100);
    expect(await page.evaluate('window.__xss || []')).toEqual([]);
    const text = (await page.evaluate('document.body.innerText')) as string;
    for (const f of fields as string[]) expect({ field: f, shown: text.includes(X(f)) }).toEqual({ field: f, shown: true });
    expect(await page.evaluate("document.querySelectorAll('script, img').length")).toBe(0);
    if (process.env.MAPWORK_SCREENSHOTS) await page.screenshot({ path: `${process.env.MAPWORK_SCREENSHOTS}/${path.split('/')[0]}.png`, fullPage: true });
    await page.close();
  });

  it('is a logged view of the case, for those who may read it', async () => {
    await t.http().get(`/api/v1/cases/${caseId}/mappings/m1/print`).set(w.outsider.auth).expect(404);
    await t.http().get(`/api/v1/cases/${caseId}/mappings/nope/print`).set(w.worker.auth).expect(404);
    await t.http().get(`/api/v1/cases/${caseId}/safety-plans/m1/print`).set(w.worker.auth).expect(404);
    const log = await t.http().get(`/api/v1/admin/access-log?caseId=${caseId}`).set(w.admin.auth).expect(200);
    expect(log.body.items.some((e: { route: string; userId: string }) => e.route.endsWith('/mappings/m1/print') && e.userId === w.manager.id)).toBe(true);
  });
});
