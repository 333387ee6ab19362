import { Browser, Page } from 'playwright-core';
import { UsersService } from '@mapwork/auth';
import { DemoSeeder } from '@mapwork/demo';
import { launchChromium } from './support/browser';
import { A4_POINTS, ISO_8601, open, overlap, pdfPageSizes } from './support/printed';
import { signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';

type Auth = { Authorization: string };

/**
 * Every printable page as families and managers get it on paper, in Chromium: A4, dates
 * in words in UK local time, the worker and how to reach them, signatures, who rated,
 * and a scale whose markers leave its numbers readable.
 */
describe('printed pages, read by families and managers (e2e, real browser)', () => {
  jest.setTimeout(5 * 60_000);
  let t: TestApp;
  let browser: Browser;
  let sam: Auth;
  let morgan: Auth;
  let priya: Auth;
  let eve: Auth;
  let caseId: string;
  let unallocatedId: string;
  const pages: Record<string, { html: string; landscape: boolean; marginMm: number }> = {};

  const html = async (auth: Auth, path: string) => {
    const res = await t.http().get(`/api/v1${path}`).set(auth).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    return res.text;
  };

  beforeAll(async () => {
    // a spring morning in British Summer Time
    t = await createTestApp({ start: '2020-04-20T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    [sam, morgan, priya, eve] = (await Promise.all(['sam.worker', 'morgan.manager', 'priya.manager', 'eve.evaluator'].map((u) => signIn(t, u, password)))).map((a) => a.auth);
    browser = await launchChromium();

    const people = [
      { id: 'c1', role: 'child', name: 'Ellie Carter' },
      { id: 'p1', role: 'parent', name: 'Kerry Carter', relationship: 'mother' },
      { id: 'n1', role: 'relative', name: 'Pauline Carter', relationship: 'maternal grandmother' },
      { id: 'f1', role: 'friend', name: 'Sandra Osei' },
    ];
    const open = (ref: string, worker?: null) =>
      t.http().post('/api/v1/cases').set(sam).send({ site: 'P9', ref, team: 'Assessment Team A', stage: 'child_protection', openedOn: '2018-05-01', people, worker }).expect(201);
    caseId = (await open('P9-PRINT')).body.case.id;
    await t.http().post(`/api/v1/cases/${caseId}/mappings`).set(sam).send({
      id: 'm1',
      data: {
        heldOn: '2018-05-21', kind: 'initial',
        participants: [{ personId: 'p1', role: 'parent' }, { personId: 'n1', role: 'relative' }],
        harm: [{ text: 'Police were called twice after fighting at home' }], complicatingFactors: [], existingStrengths: [{ text: 'Ellie goes to school every day' }], existingSafety: [],
        dangerStatements: [{ id: 'd1', text: 'We are worried that Ellie could be hurt when the adults fight after drinking' }],
        safetyGoals: [{ id: 'g1', text: 'Nobody gets hurt when adults disagree', addresses: ['d1'] }],
        nextSteps: [{ text: 'Ask Pauline about weekends', owner: 'Sam', dueOn: '2018-06-13' }],
        // two raters on one score, and raters at both ends: the hardest places for the markers
        scaleRatings: [
          { raterRole: 'professional', score: 3, reason: 'no plan yet' },
          { raterRole: 'parent', personId: 'p1', score: 3 },
          { raterRole: 'relative', personId: 'n1', score: 7 },
          { raterRole: 'community', score: 10 },
          { raterRole: 'friend', personId: 'f1', score: 0 },
        ],
      },
    }).expect(201);
    const plan = { status: 'active', agreedOn: '2018-05-21', lastReviewedOn: '2019-02-03', rules: [{ text: 'If an argument starts Kerry takes Ellie to Pauline', ensuredBy: ['p1', 'n1'] }], network: [{ personId: 'n1', commitment: 'will collect Ellie any time' }, { personId: 'f1' }], goalIds: ['g1'], familyWords: true };
    await t.http().post(`/api/v1/cases/${caseId}/safety-plans`).set(sam).send({ id: 'sp1', data: plan }).expect(201);
    await t.http().post(`/api/v1/cases/${caseId}/network-meetings`).set(sam).send({ id: 'nm1', data: { heldOn: '2020-05-12', status: 'planned', attendees: [{ personId: 'p1', role: 'parent' }] } }).expect(201);
    unallocatedId = (await open('P9-NOWORKER', null)).body.case.id;
    await t.http().post(`/api/v1/cases/${unallocatedId}/safety-plans`).set(sam).send({ id: 'sp1', data: { ...plan, goalIds: [] } }).expect(201);

    // a collaborative audit, signed off by both, and its round report
    const teamA = (await t.app.get(UsersService).listTeams()).find((x) => x.site === 'P9' && x.name === 'Assessment Team A')!.id;
    const round = await t.http().post('/api/v1/audit-rounds').set(morgan)
      .send({ name: 'Spring 2020', teamIds: [teamA], asOf: '2020-03-31T17:00:00Z', sample: { kind: 'named', cases: [{ site: 'P9', ref: 'P9-0001' }] }, dueOn: '2020-04-30' })
      .expect(201);
    const [audit] = (await t.http().post(`/api/v1/audit-rounds/${round.body.id}/draw`).set(morgan).expect(200)).body.audits as Array<{ id: string; version: number }>;
    let v = (await t.http().patch(`/api/v1/audits/${audit.id}`).set(morgan).send({ version: audit.version, grade: 'good', actions: [{ text: 'Record Ellie’s views', owner: 'Sam', dueOn: '2020-05-15' }] }).expect(200)).body.version;
    v = (await t.http().post(`/api/v1/audits/${audit.id}/sign-off`).set(morgan).send({ version: v }).expect(200)).body.version;
    await t.http().post(`/api/v1/audits/${audit.id}/sign-off`).set(sam).send({ version: v }).expect(200);

    pages['map'] = { html: await html(sam, `/cases/${caseId}/mappings/m1/print`), landscape: true, marginMm: 12 };
    pages['family safety plan'] = { html: await html(sam, `/cases/${caseId}/safety-plans/sp1/print`), landscape: false, marginMm: 15 };
    pages['case audit'] = { html: await html(sam, `/audits/${audit.id}/print`), landscape: false, marginMm: 15 };
    pages['round report'] = { html: await html(morgan, `/audit-rounds/${round.body.id}/report?format=html`), landscape: false, marginMm: 15 };
    pages['fidelity report'] = { html: await html(eve, '/fidelity?format=html&groupBy=site&asOf=2020-03-31T17:00:00Z'), landscape: false, marginMm: 15 };
    pages['comparison between groups'] = { html: await html(eve, '/fidelity/compare?format=html&groupBy=site&asOf=2020-03-31T17:00:00Z'), landscape: true, marginMm: 12 };
    pages['comparison over time'] = { html: await html(priya, '/fidelity/compare?format=html&site=P8&asOf=2018-07-01T00:00:00Z&vsAsOf=2020-03-31T17:00:00Z'), landscape: true, marginMm: 12 };
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The page's printable area in CSS pixels: A4 less the margins its @page sets. */
  const printable = (name: string) => {
    const { landscape, marginMm } = pages[name];
    const [w, h] = landscape ? [297, 210] : [210, 297];
    const mm = 96 / 25.4;
    return { width: Math.floor((w - 2 * marginMm) * mm), height: Math.floor((h - 2 * marginMm) * mm) };
  };
  const shot = async (page: Page, name: string) => {
    if (process.env.MAPWORK_SCREENSHOTS) await page.screenshot({ path: `${process.env.MAPWORK_SCREENSHOTS}/${name.replace(/ /g, '-')}.png`, fullPage: true });
  };
  const text = async (name: string) => {
    const page = await open(browser, pages[name].html);
    await shot(page, name);
    const shown = ((await page.evaluate('document.body.innerText')) as string).replace(/\s+/g, ' ');
    await page.close();
    return shown;
  };

  it.each([
    ['map', ['Initial mapping held on 21 May 2018', '(Sam, by 13 June 2018)']],
    ['family safety plan', ['We agreed this plan on 21 May 2018.', 'We last looked at this plan together on 3 February 2019.', 'The next network meeting is planned for 12 May 2020.']],
    // instants in UK local time: 17:00 UTC on 31 March 2020 is 18:00 BST; sign-off at 09:00 UTC on 20 April is 10:00 BST
    ['case audit', ['The case file as it stood at 31 March 2020, 18:00.', 'Signed off by the auditor on 20 April 2020, 10:00 and by the worker on 20 April 2020, 10:00.', '15 May 2020']],
    ['round report', ['Files judged as they stood at 31 March 2020, 18:00;', '15 May 2020']],
    ['fidelity report', ['As the records stood at 31 March 2020, 18:00;']],
    ['comparison between groups', ['As the records stood at 31 March 2020, 18:00.']],
    ['comparison over time', ['Fidelity from 1 July 2018, 01:00 to 31 March 2020, 18:00']],
  ])('the %s writes dates for people, and no ISO date or instant anywhere', async (name, expected) => {
    const shown = await text(name);
    for (const words of expected) expect(shown).toContain(words);
    expect(pages[name].html.match(ISO_8601)).toBeNull();
  });

  it.each(['map', 'family safety plan', 'case audit', 'round report', 'fidelity report', 'comparison between groups', 'comparison over time'])(
    'the %s prints on A4, no wider than the page',
    async (name) => {
      const page = await open(browser, pages[name].html);
      const sizes = pdfPageSizes(await page.pdf({ preferCSSPageSize: true }));
      // laid out as the printer does, nothing is wider than the page (so nothing is cut off at its edge)
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize(printable(name));
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
      await shot(page, `${name} print`);
      await page.close();
      const a4 = pages[name].landscape ? { width: A4_POINTS.long, height: A4_POINTS.short } : { width: A4_POINTS.short, height: A4_POINTS.long };
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) expect(size).toEqual(a4);
    },
  );

  it('paginates a long report without clipping it: every row lies on some page, none wider than the page', async () => {
    const page = await open(browser, pages['fidelity report'].html);
    const pdfPages = pdfPageSizes(await page.pdf({ preferCSSPageSize: true })).length;
    // lay the report out as the printer does: print styles, on A4 less its margins
    const area = printable('fidelity report');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(area);
    const { scrollWidth, clientWidth, height, rows } = (await page.evaluate(
      '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, height: document.documentElement.scrollHeight, rows: document.querySelectorAll("tbody tr").length })',
    )) as { scrollWidth: number; clientWidth: number; height: number; rows: number };
    await page.close();
    expect(rows).toBe(4 * 16);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(pdfPages).toBeGreaterThanOrEqual(Math.ceil(height / area.height));
    expect(pdfPages).toBeGreaterThan(1);
  });

  it('tells the family who their social worker is and how to reach them, or whom to ask', async () => {
    const shown = await text('family safety plan');
    expect(shown).toContain('Your social worker Sam Okafor, Assessment Team A Phone: 01632 960019 Email: sam.okafor@example.org');
    expect(shown).toContain('call your social worker on 01632 960019');
    const none = await html(sam, `/cases/${unallocatedId}/safety-plans/sp1/print`);
    const page = await open(browser, none);
    const fallback = ((await page.evaluate('document.body.innerText')) as string).replace(/\s+/g, ' ');
    await page.close();
    expect(fallback).toContain("Your social worker's team: Assessment Team A. Ask your social worker's team who your social worker is and how to reach them.");
    expect(fallback).not.toContain('Sam Okafor');
  });

  it('has a signature block for the parents, the network and the social worker, with date lines', async () => {
    const page = await open(browser, pages['family safety plan'].html);
    const block = page.getByRole('region', { name: 'Our signatures' });
    const table = block.getByRole('table');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Name', 'Signature', 'Date']);
    expect(await table.getByRole('rowheader').allInnerTexts()).toEqual(['Kerry Carter (mum)', 'Pauline Carter (gran)', 'Sandra Osei', 'Sam Okafor (social worker)', '']);
    // each line has room to sign and date by hand, and the block is not split across pages
    for (const cell of await table.getByRole('cell').all()) expect((await cell.boundingBox())!.height).toBeGreaterThanOrEqual(36);
    await page.emulateMedia({ media: 'print' });
    // (a typed callback: this Node project has no DOM types)
    const breakInside = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { breakInside: string } }).getComputedStyle(el).breakInside;
    expect(await block.evaluate(breakInside)).toBe('avoid');
    await page.close();
  });

  it('labels each rating by who gave it, never by a role code', async () => {
    const page = await open(browser, pages['map'].html);
    const marks = page.getByRole('list', { name: 'Ratings on the scale' }).getByRole('listitem');
    expect((await marks.allInnerTexts()).map((s) => s.replace('▲', '').trim())).toEqual(['Sam Okafor: 3', 'mum: 3', 'gran: 7', 'network: 10', 'Sandra Osei: 0']);
    await page.close();
  });

  it.each(['screen', 'print'] as const)('keeps the scale numbers clear of the rating markers (%s)', async (media) => {
    const page = await open(browser, pages['map'].html);
    await page.emulateMedia({ media });
    if (media === 'print') await page.setViewportSize(printable('map'));
    const ticks = page.getByRole('list', { name: 'Scale numbers' }).getByRole('listitem');
    const marks = page.getByRole('list', { name: 'Ratings on the scale' }).getByRole('listitem');
    expect(await ticks.allInnerTexts()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const tickBoxes = await Promise.all((await ticks.all()).map((l) => l.boundingBox()));
    const markBoxes = await Promise.all((await marks.all()).map((l) => l.boundingBox()));
    const scale = (await page.locator('section.scale').boundingBox())!;
    expect(markBoxes).toHaveLength(5);
    for (const [i, mark] of markBoxes.entries()) {
      for (const [n, tick] of tickBoxes.entries()) expect({ mark: i, tick: n, overlap: overlap(mark!, tick!) }).toEqual({ mark: i, tick: n, overlap: false });
      for (const [j, other] of markBoxes.entries()) if (j !== i) expect({ mark: i, other: j, overlap: overlap(mark!, other!) }).toEqual({ mark: i, other: j, overlap: false });
      // and inside the scale's box, not running off the page
      expect(mark!.x).toBeGreaterThanOrEqual(scale.x);
      expect(mark!.x + mark!.width).toBeLessThanOrEqual(scale.x + scale.width);
    }
    await shot(page, `map-${media}`);
    await page.close();
  });
});
