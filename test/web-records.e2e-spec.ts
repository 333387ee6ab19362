import { Locator, Page } from 'playwright-core';
import { WebApp, csrfTokenOn, expectNoAxeViolations, expectUsableAtDoubleZoom, isFocused, screenshot, signIn, signedInAgent, startWebApp, tabTo, watchDialogs } from './support/web';
import { PEOPLE, World, buildWorld, openCase } from './support/world';

/** A 1 × 1 PNG: a child's drawing, as far as the server can tell. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** Markup typed into a field: shown as text it is harmless; run, it opens a dialog. */
const SCRIPT = '<script>alert("rule")</script><img src=x onerror=alert("rule")>';

/**
 * Recording a case's records in the browser as a worker would, through labels and roles:
 * a mapping (in a browser without JavaScript), changing it, a save based on an old
 * version, and printing the map; a safety plan (printed for the family), a family network
 * meeting and the child's voice with a picture. Every form refuses a post without this
 * browser's CSRF token and answers for another team's case as for a missing one. The forms are validated by the API's DTOs and saved by
 * its services, so what the API then answers is what the worker typed.
 */
describe('recording records through the pages (e2e, real browser)', () => {
  jest.setTimeout(5 * 60_000);
  let web: WebApp;
  let w: World;
  let caseId: string;

  beforeAll(async () => {
    // a small limit for attachments, so that a file past it is cheap to send
    web = await startWebApp({ settings: { ATTACHMENT_LIMIT: '2kb' } });
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
    await expectUsableAtDoubleZoom(page, [page.getByRole('heading', { level: 1, name: heading })]);
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

  it('records a safety plan, a network meeting and the child’s voice with a picture, and prints the family’s plan; typed markup stays text', async () => {
    const page = await web.newPage();
    const dialogs = watchDialogs(page);
    await signIn(page, 'worker');
    await page.goto(`/cases/${caseId}`);

    // a safety plan: "add another" rows in the page (JavaScript), people ticked for each rule
    await page.getByRole('link', { name: 'Record a safety plan' }).click();
    await checkPage(page, 'safety-plan-form', 'Record a safety plan');
    await page.getByRole('radio', { name: 'Agreed' }).check();
    const rule1 = page.getByRole('group', { name: 'Rule 1' });
    await rule1.getByLabel('The rule').fill('If an argument starts, Kerry takes Ellie to Pauline’s');
    await rule1.getByRole('group', { name: 'Who makes sure it is kept' }).getByLabel('Kerry Carter (parent)').check();
    await rule1.getByRole('group', { name: 'Who makes sure it is kept' }).getByLabel('Pauline Carter (relative)').check();
    await page.getByRole('button', { name: 'Add another rule' }).click();
    await page.getByRole('group', { name: 'Rule 2' }).getByLabel('The rule').fill(SCRIPT);
    const member = page.getByRole('group', { name: 'Network member 1' });
    await member.getByLabel('Who').selectOption({ label: 'Pauline Carter (relative)' });
    await member.getByLabel('What they will do').fill('Collect Ellie any time she is called');
    await fillDate(page.getByRole('group', { name: 'Date the plan was agreed (if it has been)' }), '20', '1', '2020');
    await page.getByRole('button', { name: 'Save the safety plan' }).click();
    await page.waitForURL(/\/safety-plans\/[^/?]+\?done=record-added$/);
    await checkPage(page, 'safety-plan', 'Safety plan');
    await expect(page.getByText(SCRIPT).first().isVisible()).resolves.toBe(true);
    const planId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect((await api(`/safety-plans/${planId}`)).body.data).toEqual({
      status: 'agreed',
      agreedOn: '2020-01-20',
      lastReviewedOn: null,
      rules: [
        { text: 'If an argument starts, Kerry takes Ellie to Pauline’s', ensuredBy: ['p1', 'n1'] },
        { text: SCRIPT, ensuredBy: [] },
      ],
      network: [{ personId: 'n1', commitment: 'Collect Ellie any time she is called' }],
      goalIds: [],
      familyWords: false,
    });
    await expect(page.getByRole('button', { name: 'Print the family’s safety plan' }).isVisible()).resolves.toBe(true);
    // printed from the case page
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('link', { name: /^Print the family’s safety plan/ }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ellie Carter: our safety plan');
    await expect(page.getByText('If an argument starts, Kerry takes Ellie to Pauline’s').isVisible()).resolves.toBe(true);
    await expect(page.getByText(SCRIPT).isVisible()).resolves.toBe(true);

    // a family network meeting: the date, who came from the case's people, what was agreed
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('link', { name: 'Record a family network meeting' }).click();
    await checkPage(page, 'network-meeting-form', 'Record a family network meeting');
    // with the keyboard alone
    const held = page.getByRole('group', { name: 'Date of the meeting' });
    for (const [box, value] of [['Day', '27'], ['Month', '1'], ['Year', '2020']]) {
      await tabTo(page, held.getByLabel(box), { key: null });
      await page.keyboard.type(value);
    }
    await tabTo(page, page.getByRole('radio', { name: 'Planned' }), { key: null });
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Held' }).isChecked()).resolves.toBe(true);
    const came = page.getByRole('group', { name: 'Who came' });
    await tabTo(page, came.getByLabel('Kerry Carter (parent)'), { key: ' ' });
    await tabTo(page, came.getByLabel('Sandra Osei (friend)'), { key: ' ' });
    await tabTo(page, page.getByLabel('What was agreed'), { key: null });
    await page.keyboard.type('Sandra will have Ellie after school on Tuesdays');
    await tabTo(page, page.getByRole('button', { name: 'Save the meeting' }));
    await page.waitForURL(/\/network-meetings\/[^/?]+\?done=record-added$/);
    const meetingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect((await api(`/network-meetings/${meetingId}`)).body.data).toEqual({
      heldOn: '2020-01-27',
      status: 'held',
      attendees: [{ personId: 'p1', role: 'parent' }, { personId: 'f1', role: 'friend' }],
      purpose: null,
      outcome: 'Sandra will have Ellie after school on Tuesdays',
    });

    // the child's voice, with a picture of the Three Houses, shown in the record's page
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('link', { name: 'Record the child’s voice' }).click();
    await checkPage(page, 'child-voice-form', 'Record the child’s voice');
    await page.getByRole('radio', { name: 'Three Houses' }).check();
    await page.getByRole('radio', { name: 'Ellie Carter (child)' }).check();
    await fillDate(page.getByRole('group', { name: 'Date of the work' }), '10', '1', '2020');
    await page.getByLabel('What the child said').fill('House of worries: shouting at night. House of dreams: a dog.');
    await page.getByLabel('A picture or PDF of the child’s work (optional)').setInputFiles({ name: 'three-houses.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Save the child’s voice' }).click();
    await page.waitForURL(/\/child-voice\/[^/?]+\?done=record-added$/);
    await checkPage(page, 'child-voice', 'Child');
    const picture = page.getByRole('img', { name: 'The child’s Three Houses work (three-houses.png)' });
    await expect(picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(1);
    const voiceId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const voice = (await api(`/child-voice/${voiceId}`)).body.data;
    expect(voice.attachment).toEqual({ name: 'three-houses.png', mediaType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(voice).toMatchObject({ tool: 'three_houses', childId: 'c1', completedOn: '2020-01-10' });

    // a change keeps the picture; a file that is no picture or PDF is refused on its field
    await page.getByRole('button', { name: /^Change this child.s voice work$/ }).click();
    await expect(page.getByText('Attached: three-houses.png').isVisible()).resolves.toBe(true);
    await page.getByLabel('Replace it with another picture or PDF (optional)').setInputFiles({ name: 'drawing.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload=alert(1)>') });
    await page.getByRole('button', { name: 'Save the child’s voice' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'The file must be a picture (PNG, JPEG, GIF or WebP) or a PDF' }).click();
    expect(await isFocused(page.getByLabel('Replace it with another picture or PDF (optional)'))).toBe(true);
    await page.getByLabel('Why you are making this change (optional)').fill('Ellie added a dog');
    await page.getByRole('button', { name: 'Save the child’s voice' }).click();
    await page.waitForURL(/\?done=record-changed$/);
    expect((await api(`/child-voice/${voiceId}`)).body.data.attachment).toEqual(voice.attachment);
    expect(dialogs).toEqual([]);
  });

  it('refuses a form posted without this browser’s token, and answers for another team’s case as for a missing one', async () => {
    const agent = await signedInAgent(web, 'worker');
    const _csrf = await csrfTokenOn(agent, `/cases/${caseId}/network-meetings/new`);
    const meeting = { 'data[heldOn][day]': '3', 'data[heldOn][month]': '2', 'data[heldOn][year]': '2020', 'data[status]': 'planned' };
    const before = (await api('/network-meetings')).body.total;
    const voicesBefore = (await api('/child-voice')).body.total;
    const forged = await agent.post(`/cases/${caseId}/network-meetings/new`).type('form').send(meeting);
    expect({ status: forged.status, page: /This form could not be sent/.test(forged.text) }).toEqual({ status: 403, page: true });
    const forgedUpload = await agent.post(`/cases/${caseId}/child-voice/new`).field('data[tool]', 'three_houses').attach('attachmentFile', PNG, 'a.png');
    expect(forgedUpload.status).toBe(403);
    expect((await api('/network-meetings')).body.total).toBe(before);
    // a file past ATTACHMENT_LIMIT is refused whole, before any page code runs
    const tooLarge = await agent.post(`/cases/${caseId}/child-voice/new`).field('_csrf', _csrf).attach('attachmentFile', Buffer.concat([PNG, Buffer.alloc(4096)]), 'big.png');
    expect({ status: tooLarge.status, page: /That was too much to send at once/.test(tooLarge.text) }).toEqual({ status: 413, page: true });
    // a form with a file is held to the edge rules of every form: no U+0000, and a body that can be read
    const nul = await agent.post(`/cases/${caseId}/child-voice/new`).field('_csrf', _csrf).field('data[summary]', 'a\u0000b').attach('attachmentFile', PNG, 'a.png');
    expect(nul.status).toBe(422);
    const cut = await agent.post(`/cases/${caseId}/child-voice/new`).set('Content-Type', 'multipart/form-data; boundary=x').send(`--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${_csrf}\r\n--x\r\nContent-Disposition: form-data; name="data[summary]"\r\n\r\nb`);
    expect({ status: cut.status, page: /There is a problem with this request/.test(cut.text) }).toEqual({ status: 400, page: true });
    expect((await api('/child-voice')).body.total).toBe(voicesBefore);
    await agent.post(`/cases/${caseId}/network-meetings/new`).type('form').send({ ...meeting, _csrf }).expect(303);

    const theirs = (await web.http().post('/api/v1/cases').set(w.outsider.auth).send({ site: 'S1', ref: 'S1-0900', team: 'Team B', stage: 'early_help', openedOn: '2019-12-01', people: PEOPLE }).expect(201)).body.case.id;
    await web.http().post(`/api/v1/cases/${theirs}/mappings`).set(w.outsider.auth).send({ id: 'm1', data: { heldOn: '2020-01-06', kind: 'initial', participants: [], harm: [], complicatingFactors: [], existingStrengths: [], existingSafety: [], dangerStatements: [], safetyGoals: [], nextSteps: [], scaleRatings: [] } }).expect(201);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of ['mappings/new', 'mappings/m1/change', 'mappings/m1/print', 'child-voice/new']) {
      const [other, none] = [await agent.get(`/cases/${theirs}/${path}`), await agent.get(`/cases/${missing}/${path}`)];
      expect({ path, status: other.status, page: /Page not found/.test(other.text) }).toEqual({ path, status: 404, page: true });
      expect(other.text.replace(theirs, missing)).toBe(none.text);
    }
    const post = await agent.post(`/cases/${theirs}/mappings/new`).type('form').send({ _csrf, 'data[kind]': 'initial' });
    expect({ status: post.status, page: /Page not found/.test(post.text) }).toEqual({ status: 404, page: true });
    const page = await web.newPage();
    await signIn(page, 'worker');
    await page.goto(`/cases/${theirs}/mappings/m1/change`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
  });
});
