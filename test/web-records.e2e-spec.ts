import { Locator, Page } from 'playwright-core';
import { WebApp, expectNoAxeViolations, expectUsableAtDoubleZoom, isFocused, screenshot, signIn, startWebApp } from './support/web';
import { World, buildWorld, openCase } from './support/world';

/**
 * Recording a case's records in the browser as a worker would, through labels and roles:
 * a mapping (in a browser without JavaScript), changing it, a save based on an old
 * version, and printing the map. The forms are validated by the API's DTOs and saved by
 * its services, so what the API then answers is what the worker typed.
 */
describe('recording records through the pages (e2e, real browser)', () => {
  jest.setTimeout(5 * 60_000);
  let web: WebApp;
  let w: World;
  let caseId: string;

  beforeAll(async () => {
    web = await startWebApp();
    w = await buildWorld(web);
    caseId = await openCase(web, w, 'S1-0001');
  });
  afterAll(() => web?.close());

  const api = (path: string) => web.http().get(`/api/v1/cases/${caseId}${path}`).set(w.worker.auth).expect(200);

  async function fillDate(group: Locator, day: string, month: string, year: string) {
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  async function checkPage(page: Page, name: string, heading: string) {
    await expect(page.getByRole('heading', { level: 1, name: heading }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, name);
  }

  it('records a mapping with two danger statements and a goal for each, without JavaScript, then changes it and prints the map', async () => {
    let page = await web.newPage({ javaScript: false });
    await signIn(page, 'worker');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('link', { name: 'Record a mapping' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Record a mapping' }).isVisible()).resolves.toBe(true);

    await fillDate(page.getByRole('group', { name: 'Date of the mapping' }), '6', '1', '2020');
    await page.getByRole('radio', { name: 'Initial mapping' }).check();
    await page.getByRole('group', { name: 'Who took part' }).getByLabel('Kerry Carter (parent)').check();
    await page.getByRole('group', { name: 'Harm 1' }).getByLabel('What has happened').fill('Police were called twice after fighting at home');
    const d1 = page.getByRole('group', { name: 'Danger statement 1' });
    await d1.getByLabel('Who is worried').fill('Ellie’s school');
    await d1.getByLabel('About what behaviour').fill('Kerry and Dean fight after drinking');
    await d1.getByLabel('What could happen to the child').fill('Ellie could be hurt');
    await d1.getByLabel('The danger statement').fill('The school is worried Ellie could be hurt when Kerry and Dean fight');
    // a second statement: the page comes back from the server with a row more, keeping what was typed
    await page.getByRole('button', { name: 'Add another danger statement' }).click();
    await expect(d1.getByLabel('Who is worried').inputValue()).resolves.toBe('Ellie’s school');
    const d2 = page.getByRole('group', { name: 'Danger statement 2' });
    await d2.getByLabel('About what behaviour').fill('Ellie is left alone at night');
    await page.getByRole('group', { name: 'Strength 1' }).getByLabel('What is working well').fill('Ellie goes to school every day');

    // the goals can address the statements typed so far
    const g1 = page.getByRole('group', { name: 'Safety goal 1' });
    await g1.getByLabel('The safety goal').fill('Nobody gets hurt when adults disagree');
    await g1.getByRole('group', { name: 'Danger statements this goal addresses' }).getByLabel('The school is worried Ellie could be hurt when Kerry and Dean fight').check();
    await page.getByRole('button', { name: 'Add another safety goal' }).click();
    const g2 = page.getByRole('group', { name: 'Safety goal 2' });
    await g2.getByLabel('The safety goal').fill('An adult the family trusts is with Ellie every night');
    await g2.getByRole('group', { name: 'Danger statements this goal addresses' }).getByLabel('Danger statement 2 (not written yet)').check();

    const step = page.getByRole('group', { name: 'Next step 1' });
    await step.getByLabel('What will be done').fill('Ask Pauline about weekends');
    await step.getByLabel('Who will do it').fill('social worker');
    await fillDate(step.getByRole('group', { name: 'By when' }), '13', '1', '2020');
    const r1 = page.getByRole('group', { name: 'Rating 1' });
    await r1.getByLabel('Who gave this rating').selectOption({ label: 'The social worker' });
    await r1.getByRole('radio', { name: '3', exact: true }).check();
    await r1.getByLabel('Why this score').fill('No plan yet');
    await page.getByRole('button', { name: 'Add another rating' }).click();
    const r2 = page.getByRole('group', { name: 'Rating 2' });
    await r2.getByLabel('Who gave this rating').selectOption({ label: 'Kerry Carter (parent)' });
    await r2.getByRole('radio', { name: '6', exact: true }).check();
    await page.getByLabel('Why you are making this change (optional)').fill('First mapping with the family');

    // the second statement has no text yet: the error summary says so and links to the field
    await page.getByRole('button', { name: 'Save the mapping' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['Danger statement 2: Write the danger statement']);
    await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#data-dangerStatements-1-text');
    await d2.getByLabel('The danger statement').fill('We are worried Ellie is left alone at night');
    await page.getByRole('button', { name: 'Save the mapping' }).click();

    await page.waitForURL(/\/cases\/[^/]+\/mappings\/[^/?]+\?done=record-added$/);
    await expect(page.getByText('The record has been saved.').isVisible()).resolves.toBe(true);
    const mappingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const saved = (await api(`/mappings/${mappingId}`)).body;
    expect(saved.lastChange.reason).toBe('First mapping with the family');
    expect(saved.data).toEqual({
      heldOn: '2020-01-06',
      kind: 'initial',
      participants: [{ personId: 'p1', role: 'parent' }],
      harm: [{ text: 'Police were called twice after fighting at home' }],
      complicatingFactors: [],
      existingStrengths: [{ text: 'Ellie goes to school every day' }],
      existingSafety: [],
      dangerStatements: [
        { id: 'd1', worriedWho: 'Ellie’s school', behaviour: 'Kerry and Dean fight after drinking', impact: 'Ellie could be hurt', text: 'The school is worried Ellie could be hurt when Kerry and Dean fight' },
        { id: 'd2', worriedWho: null, behaviour: 'Ellie is left alone at night', impact: null, text: 'We are worried Ellie is left alone at night' },
      ],
      safetyGoals: [
        { id: 'g1', text: 'Nobody gets hurt when adults disagree', addresses: ['d1'] },
        { id: 'g2', text: 'An adult the family trusts is with Ellie every night', addresses: ['d2'] },
      ],
      nextSteps: [{ text: 'Ask Pauline about weekends', owner: 'social worker', dueOn: '2020-01-13' }],
      scaleRatings: [
        { raterRole: 'professional', score: 3, reason: 'No plan yet' },
        { raterRole: 'parent', personId: 'p1', score: 6, reason: null },
      ],
    });

    // change it, now in a browser with JavaScript: the form starts from what is stored
    await page.context().close();
    page = await web.newPage();
    await signIn(page, 'worker');
    await page.goto(`/cases/${caseId}/mappings/${encodeURIComponent(mappingId)}`);
    await checkPage(page, 'mapping', 'Mapping');
    await page.getByRole('button', { name: 'Change this mapping' }).click();
    await checkPage(page, 'mapping-form', 'Change the mapping');
    await expectUsableAtDoubleZoom(page, [page.getByRole('heading', { level: 1 })]);
    // an error is linked to its field
    await page.getByRole('group', { name: 'Next step 1' }).getByRole('group', { name: 'By when' }).getByLabel('Month').fill('13');
    await page.getByRole('button', { name: 'Save the mapping' }).click();
    const error = page.getByRole('alert').getByRole('link', { name: 'Next step 1: By when must be a real date, like 27 3 2020' });
    await expectNoAxeViolations(page);
    await screenshot(page, 'mapping-form-error');
    await error.click();
    expect(await isFocused(page.getByRole('group', { name: 'Next step 1' }).getByLabel('Day'))).toBe(true);
    await page.getByRole('group', { name: 'Next step 1' }).getByRole('group', { name: 'By when' }).getByLabel('Month').fill('1');
    await expect(page.getByRole('group', { name: 'Safety goal 2' }).getByLabel('We are worried Ellie is left alone at night').isChecked()).resolves.toBe(true);
    await expect(page.getByRole('group', { name: 'Rating 2' }).getByRole('radio', { name: '6', exact: true }).isChecked()).resolves.toBe(true);
    await page.getByRole('group', { name: 'Rating 1' }).getByRole('radio', { name: '4', exact: true }).check();
    await page.getByRole('group', { name: 'Harm 1' }).getByRole('button', { name: 'Remove Harm 1' }).click();
    await page.getByLabel('Why you are making this change (optional)').fill('Pauline agreed to help');
    await page.getByRole('button', { name: 'Save the mapping' }).click();
    await page.waitForURL(/\?done=record-changed$/);
    const changed = (await api(`/mappings/${mappingId}`)).body;
    expect({ version: changed.version, reason: changed.lastChange.reason, harm: changed.data.harm, score: changed.data.scaleRatings[0].score }).toEqual({
      version: 2,
      reason: 'Pauline agreed to help',
      harm: [],
      score: 4,
    });
    expect(changed.data.safetyGoals).toEqual(saved.data.safetyGoals);

    // a save based on an old version does not overwrite what someone else saved meanwhile
    await page.getByRole('button', { name: 'Change this mapping' }).click();
    await web.http().put(`/api/v1/cases/${caseId}/mappings/${mappingId}`).set(w.colleague.auth).send({ version: 2, data: { ...changed.data, kind: 'review' }, reason: 'colleague' }).expect(200);
    await page.getByRole('group', { name: 'Next step 1' }).getByLabel('Who will do it').fill('Pauline');
    await page.getByRole('button', { name: 'Save the mapping' }).click();
    await expect(page.getByText(/Someone else saved a change to this since you opened it/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('group', { name: 'Next step 1' }).getByLabel('Who will do it').inputValue()).resolves.toBe('Pauline');
    const after = (await api(`/mappings/${mappingId}`)).body;
    expect({ version: after.version, kind: after.data.kind, owner: after.data.nextSteps[0].owner }).toEqual({ version: 3, kind: 'review', owner: 'social worker' });

    // print the map
    await page.goto(`/cases/${caseId}/mappings/${encodeURIComponent(mappingId)}`);
    await page.getByRole('button', { name: 'Print the Signs of Safety map' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Signs of Safety map: Ellie Carter');
    await expect(page.getByText('We are worried Ellie is left alone at night').isVisible()).resolves.toBe(true);
  });
});
