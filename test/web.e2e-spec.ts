import { Page } from 'playwright-core';
import { WebApp, expectNoAxeViolations, isFocused, expectUsableAtDoubleZoom, screenshot, signIn, signOut, startWebApp, tabTo } from './support/web';
import { PEOPLE, World, buildWorld, mappingData, networkMeetingData, openCase } from './support/world';

/**
 * A social worker's first pages, walked in Debian's Chromium as a worker would: through
 * labels, roles and text. Every page is checked with axe-core (WCAG 2.2 A and AA), at
 * 200 % zoom, and with the keyboard alone.
 */
describe('the pages of a social worker (e2e, real browser)', () => {
  jest.setTimeout(5 * 60_000);
  let web: WebApp;
  let w: World;
  let caseId: string;

  beforeAll(async () => {
    web = await startWebApp();
    w = await buildWorld(web);
    caseId = await openCase(web, w, 'S1-0001');
    const steps = [
      { text: 'Ask Pauline about weekends', owner: 'social worker', dueOn: '2020-01-13' },
      { text: 'Book the family network meeting', owner: 'Kerry', dueOn: '2020-01-03' },
    ];
    web.clock.advance(60_000);
    await web.http().post(`/api/v1/cases/${caseId}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData({ nextSteps: steps }), reason: 'first mapping with the family' }).expect(201);
    web.clock.advance(60_000);
    await web.http().post(`/api/v1/cases/${caseId}/network-meetings`).set(w.worker.auth).send({ id: 'nm1', data: networkMeetingData() }).expect(201);
    const other = await web.http().post('/api/v1/cases').set(w.worker.auth).send({
      site: 'S1', ref: 'S1-0002', team: 'Team A', stage: 'child_in_need', openedOn: '2019-11-02',
      people: [{ id: 'c1', role: 'child', name: 'Jack Osei' }],
    }).expect(201);
    expect(other.body.case.id).toBeTruthy();
    await web.http().post('/api/v1/cases').set(w.outsider.auth).send({ site: 'S1', ref: 'S1-0900', team: 'Team B', stage: 'early_help', openedOn: '2019-12-01', people: [{ id: 'c1', role: 'child', name: 'Someone Else' }] }).expect(201);
  });
  afterAll(() => web?.close());

  async function checkPage(page: Page, name: string, heading: string) {
    await expect(page.getByRole('heading', { level: 1, name: heading }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await expectUsableAtDoubleZoom(page, [page.getByRole('heading', { level: 1, name: heading })]);
    await screenshot(page, name);
  }

  it('signs in with the keyboard alone, finds a case, adds and changes a person, and signs out', async () => {
    const page = await web.newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await checkPage(page, 'sign-in', 'Sign in');

    // sign in with the keyboard alone
    await tabTo(page, page.getByLabel('Username'), { key: null });
    await page.keyboard.type('worker');
    await tabTo(page, page.getByLabel('Password'), { key: null });
    await page.keyboard.type('correct horse battery staple');
    await tabTo(page, page.getByRole('button', { name: 'Sign in' }));
    await page.waitForURL((u) => u.pathname === '/');

    // home: the team's cases, what is next and what is overdue; nothing of team B
    await checkPage(page, 'home', 'Your cases');
    const ellie = page.getByRole('row', { name: /Ellie Carter/ });
    await expect(ellie.getByText('Next step due 13 January 2020: Ask Pauline about weekends').isVisible()).resolves.toBe(true);
    await expect(ellie.getByText(/Book the family network meeting \(due 3 January 2020, Kerry\)/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('row', { name: /Jack Osei/ }).getByText('Nothing recorded yet').isVisible()).resolves.toBe(true);
    expect(await page.getByText('Someone Else').count()).toBe(0);

    // search by child's name, then by reference
    await page.getByLabel('Search by child’s name, case reference or worker').fill('jack');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('table').getByRole('link').allTextContents()).resolves.toEqual(['Jack Osei']);
    await page.getByLabel('Search by child’s name, case reference or worker').fill('S1-0001');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('table').getByRole('link').allTextContents()).resolves.toEqual(['Ellie Carter']);

    // open the case with the keyboard
    await tabTo(page, page.getByRole('link', { name: 'Ellie Carter' }));
    await page.waitForURL(`**/cases/${caseId}`);
    await checkPage(page, 'case', 'Ellie Carter');
    await expect(page.getByRole('term').filter({ hasText: 'Pauline Carter' }).isVisible()).resolves.toBe(true);
    const records = page.getByRole('table').getByRole('row');
    await expect(records.nth(1).getByRole('link').textContent()).resolves.toMatch(/^Network meeting \(planned\)/);
    await expect(records.nth(2).getByText('first mapping with the family').isVisible()).resolves.toBe(true);

    // add a person: a date that is no date is reported on the date field, linked from the summary
    await tabTo(page, page.getByRole('link', { name: 'Add a person' }));
    await page.waitForURL(`**/cases/${caseId}/people/new`);
    await checkPage(page, 'person-form', 'Add a person');
    await page.getByRole('radio', { name: 'Relative' }).check();
    await page.getByLabel('Full name').fill('Joan Carter');
    const dob = page.getByRole('group', { name: 'Date of birth (if known)' });
    await dob.getByLabel('Day').fill('31');
    await dob.getByLabel('Month').fill('2');
    await dob.getByLabel('Year').fill('1950');
    await page.getByLabel('Relationship (if any)').fill('great-aunt');
    await page.getByRole('button', { name: 'Save' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.isVisible()).resolves.toBe(true);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expectNoAxeViolations(page);
    await screenshot(page, 'person-form-error');
    await summary.getByRole('link', { name: 'Date of birth must be a real date, like 27 3 2007' }).click();
    expect(await isFocused(dob.getByLabel('Day'))).toBe(true);
    await expect(page.getByLabel('Full name').inputValue()).resolves.toBe('Joan Carter');
    await dob.getByLabel('Day').fill('28');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/cases/${caseId}?done=person-added#people`);
    await expect(page.getByText('The person has been added.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('definition').filter({ hasText: 'Relationship: great-aunt' }).isVisible()).resolves.toBe(true);

    // change a person: the form starts from what is stored
    await page.getByRole('link', { name: 'Change Joan Carter' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Change a person’s details');
    await expect(page.getByRole('group', { name: 'Date of birth (if known)' }).getByLabel('Day').inputValue()).resolves.toBe('28');
    await page.getByLabel('Relationship (if any)').fill('great-aunt, mother’s side');
    await page.getByLabel('Why you are making this change (optional)').fill('Joan told us herself');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/cases/${caseId}?done=person-changed#people`);
    await expect(page.getByRole('definition').filter({ hasText: 'Relationship: great-aunt, mother’s side' }).isVisible()).resolves.toBe(true);

    // a record's page
    await page.getByRole('link', { name: /^Mapping \(initial\)/ }).click();
    await checkPage(page, 'record', 'Mapping m1');
    await tabTo(page, page.getByRole('link', { name: 'Back to the case' }));
    await page.waitForURL(`**/cases/${caseId}`);

    await signOut(page);
    await expect(page.getByText('You have signed out.').isVisible()).resolves.toBe(true);
    await page.goto(`/cases/${caseId}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('fills the person form with the keyboard alone', async () => {
    const page = await web.newPage();
    await signIn(page, 'worker');
    await page.goto(`/cases/${caseId}/people/new`);
    // Tab reaches a group of radios at its first; the arrow keys choose within it
    await tabTo(page, page.getByRole('radio', { name: 'Child' }), { key: null });
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Friend' }).isChecked()).resolves.toBe(true);
    await tabTo(page, page.getByLabel('Full name'), { key: null });
    await page.keyboard.type('Maya Brooks');
    await tabTo(page, page.getByRole('button', { name: 'Save' }));
    await page.waitForURL(`**/cases/${caseId}?done=person-added#people`);
    await expect(page.getByRole('term').filter({ hasText: 'Maya Brooks' }).isVisible()).resolves.toBe(true);
  });

  it('opens a case with several people: "add another" works with and without JavaScript', async () => {
    const noScript = await web.newPage({ javaScript: false });
    await signIn(noScript, 'worker');
    await noScript.getByRole('link', { name: 'Open a case' }).click();
    await noScript.getByLabel('Case reference').fill('S1-0003');
    await noScript.getByRole('radio', { name: 'Child protection' }).check();
    const opened = noScript.getByRole('group', { name: 'Date the case was opened' });
    await opened.getByLabel('Day').fill('6');
    await opened.getByLabel('Month').fill('1');
    await opened.getByLabel('Year').fill('2020');
    const person1 = noScript.getByRole('group', { name: 'Person 1' });
    await person1.getByLabel('Role').selectOption('child');
    await person1.getByLabel('Full name').fill('Rosie Hale');
    await noScript.getByRole('button', { name: 'Add another person' }).click();
    const person2 = noScript.getByRole('group', { name: 'Person 2' });
    await expect(person2.isVisible()).resolves.toBe(true);
    await expect(person1.getByLabel('Full name').inputValue()).resolves.toBe('Rosie Hale');
    await person2.getByLabel('Role').selectOption('parent');
    await person2.getByLabel('Full name').fill('Dan Hale');
    await noScript.getByRole('button', { name: 'Add another person' }).click();
    // the third row stays blank: blank rows are left out when the case is saved
    await expect(noScript.getByRole('group', { name: 'Person 3' }).isVisible()).resolves.toBe(true);
    await noScript.getByRole('button', { name: 'Remove Person 3' }).click();
    await expect(noScript.getByRole('group', { name: 'Person 3' }).count()).resolves.toBe(0);
    // Enter in a field saves the form (the form's first button), it does not remove a row
    await person2.getByLabel('Full name').press('Enter');
    await noScript.waitForURL('**/cases/*?done=case-opened');
    await expect(noScript.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Rosie Hale');
    await expect(noScript.getByRole('term').filter({ hasText: 'Dan Hale' }).isVisible()).resolves.toBe(true);

    const page = await web.newPage();
    await signIn(page, 'worker');
    await page.goto('/cases/new');
    await checkPage(page, 'new-case', 'Open a case');
    await page.getByRole('button', { name: 'Add another person' }).click();
    const row2 = page.getByRole('group', { name: 'Person 2' });
    expect(await isFocused(row2.getByLabel('Role'))).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    await row2.getByLabel('Full name').fill('Added in the page');
    // a blank team, stage and date, and a person with no role: each reported on its field
    await page.getByRole('button', { name: 'Open the case' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      'Enter the case reference',
      'Select the stage of the case',
      'Date the case was opened must be a real date, like 27 3 2007',
      'Person 1: Select the person’s role',
    ]);
    await expect(page.getByRole('group', { name: 'Person 1' }).getByLabel('Full name').inputValue()).resolves.toBe('Added in the page');
    await summary.getByRole('link', { name: 'Person 1: Select the person’s role' }).click();
    expect(await isFocused(page.getByRole('group', { name: 'Person 1' }).getByLabel('Role'))).toBe(true);
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByRole('button', { name: 'Add another person' }));
    await expect(page.getByRole('group', { name: 'Person 2' }).isVisible()).resolves.toBe(true);
    // removing a row in the page renames the rows after it
    await page.getByRole('button', { name: 'Remove Person 1' }).click();
    await expect(page.getByRole('group', { name: 'Person 2' }).count()).resolves.toBe(0);
    await expect(page.getByRole('group', { name: 'Person 1' }).getByLabel('Full name').inputValue()).resolves.toBe('');
    await expect(page.getByRole('button', { name: 'Remove Person 1' }).isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).pathname).toBe('/cases/new');
  });

  it('answers a missing page as "Page not found", usable with the keyboard', async () => {
    const page = await web.newPage();
    await signIn(page, 'worker');
    const res = await page.goto('/cases/00000000-0000-4000-8000-000000000000');
    expect(res?.status()).toBe(404);
    await checkPage(page, 'page-not-found', 'Page not found');
    await tabTo(page, page.getByRole('link', { name: 'Go to the home page' }));
    await page.waitForURL((u) => u.pathname === '/');
  });
});
