import { Form } from '../forms/form';
import { renderPagePartial } from './render';

/** Something in every value that would be markup if a partial let it through. */
const X = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

class AnyDto {}
const form = new Form({ dto: AnyDto, input: (v) => v, labels: {} });

describe('the GOV.UK partials', () => {
  const f = form.view(
    { name: X, role: 'b', roles: ['a', 'b'], dob: { day: X, month: '3', year: '2007' }, people: [{ name: X }, { name: 'two' }] },
    [
      { pointer: '/name', rule: 'r', message: X },
      { pointer: '/dob', rule: 'r', message: X },
      { pointer: '/people/1/name', rule: 'r', message: X },
    ],
  );
  const items = [
    { value: 'a', text: X },
    { value: 'b', text: 'B', hint: X },
  ];
  const rendered: Record<string, string> = {
    input: renderPagePartial('govuk/input', { form: f, at: '/name', label: X, hint: X }),
    textarea: renderPagePartial('govuk/textarea', { form: f, at: '/name', label: X, maxlength: 2000 }),
    date: renderPagePartial('govuk/date-input', { form: f, at: '/dob', legend: X }),
    radios: renderPagePartial('govuk/radios', { form: f, at: '/role', legend: X, items }),
    checkboxes: renderPagePartial('govuk/checkboxes', { form: f, at: '/roles', legend: X, items }),
    select: renderPagePartial('govuk/select', { form: f, at: '/role', label: X, items, placeholder: X }),
    summary: renderPagePartial('govuk/summary-list', { rows: [{ key: X, value: X, href: '/x', actionHidden: X }, { key: 'k', lines: [X, X] }] }),
    tasks: renderPagePartial('govuk/task-list', { idPrefix: 't', items: [{ title: X, href: '/x', hint: X, status: X, tag: 'blue' }, { title: X, status: 'Done' }] }),
    errors: renderPagePartial('error-summary', { form: f }),
    notice: renderPagePartial('notice', { text: X }),
    breadcrumbs: renderPagePartial('govuk/breadcrumbs', { items: [{ text: X, href: '/' }] }),
    csrf: renderPagePartial('csrf', { csrfToken: X }),
  };

  it.each(Object.keys(rendered))('%s shows every value as text', (name) => {
    expect(rendered[name]).not.toMatch(/<script|<img/i);
    if (name !== 'csrf') expect(rendered[name]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('names fields by pointer, links errors to them and describes them by their hint and error', () => {
    expect(rendered.input).toContain('id="name" name="name" type="text"');
    expect(rendered.input).toContain('aria-describedby="name-hint name-error"');
    expect(rendered.input).toContain('govuk-input--error');
    expect(rendered.textarea).toContain('aria-describedby="name-error name-info"');
    expect(rendered.date).toMatch(/id="dob" name="dob\[day\]"/);
    expect(rendered.date).toMatch(/id="dob-month" name="dob\[month\]" type="text" inputmode="numeric" value="3"/);
    expect(rendered.radios).toMatch(/id="role" name="role" type="radio" value="a">/);
    expect(rendered.radios).toMatch(/id="role-2" name="role" type="radio" value="b" checked/);
    expect(rendered.checkboxes).toMatch(/id="roles-2" name="roles" type="checkbox" value="b" checked/);
    expect(rendered.select).toMatch(/<option value="b" selected>B<\/option>/);
    expect(rendered.errors).toContain('href="#people-1-name"');
    expect(rendered.tasks).toContain('aria-describedby="t-0-status t-0-hint"');
  });

  it('a fieldset groups its fields under one legend', () => {
    const html = renderPagePartial('govuk/fieldset', { form: f, legend: X, hint: X, id: 'contact', isPageHeading: true }, '{{> govuk/input form=form at="/name" label="Name"}}');
    expect(html).toMatch(/<fieldset class="govuk-fieldset" aria-describedby="contact-hint">/);
    expect(html).toMatch(/<h1 class="govuk-fieldset__heading">&lt;script&gt;/);
    expect(html).toContain('id="name" name="name"');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('"add another" gives each row its fields and a remove button, and one add button', () => {
    const html = renderPagePartial(
      'govuk/add-another',
      { form: f, at: '/people', heading: 'People', itemLabel: 'Person', addText: 'Add another person' },
      '{{> govuk/input form=form at=(ptr row "name") label="Full name"}}',
    );
    expect(html).toMatch(/id="people-0-name" name="people\[0\]\[name\]" type="text" value="&lt;script&gt;/);
    expect(html).toMatch(/id="people-1-name" name="people\[1\]\[name\]" type="text" value="two" aria-describedby="people-1-name-error"/);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html.match(/data-add-another-item=/g)).toHaveLength(2);
    expect(html).toContain('value="remove:/people/1"');
    expect(html).toContain('value="add:/people"');
    expect(html).toContain('Person 2');
  });
});
