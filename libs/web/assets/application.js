// The pages' one script. Every page works without it; it only adds GOV.UK Frontend's
// behaviours and "add another" rows without a round trip. It is a module, so browsers
// too old for GOV.UK Frontend's JavaScript never run it.
import { initAll } from './govuk-frontend.min.js';

// govuk-frontend's own page template does this in an inline script; here it is done from
// this file, so the Content-Security-Policy can refuse every inline script.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

/**
 * "Add another" (templates/partials/govuk/add-another.hbs): without JavaScript its
 * buttons post the form and the server answers with a row more or less; here the same
 * happens in the page. A new row is a copy of the last, emptied, with the next index in
 * its names and ids (people[2][name], people-2-name).
 */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function renumber(element, list, from, to) {
  // a list's name has brackets of its own when it is nested (data[rules])
  const name = new RegExp(`^${escapeRegExp(list.name)}\\[${from}\\]`);
  const id = new RegExp(`^${escapeRegExp(list.id)}-${from}(?=-|$)`);
  for (const el of [element, ...element.querySelectorAll('*')]) {
    if (el.name) el.name = el.name.replace(name, `${list.name}[${to}]`);
    for (const attr of ['id', 'for', 'aria-describedby', 'value']) {
      const value = el.getAttribute(attr);
      if (!value) continue;
      if (attr === 'value' && !(el.tagName === 'BUTTON')) continue;
      const replaced = attr === 'aria-describedby'
        ? value.split(' ').map((v) => v.replace(id, `${list.id}-${to}`)).join(' ')
        : attr === 'value' ? value.replace(`${list.pointer}/${from}`, `${list.pointer}/${to}`) : value.replace(id, `${list.id}-${to}`);
      el.setAttribute(attr, replaced);
    }
  }
}

/** Rows are named by their place in the list ("Person 2"), on the legend and the remove button alike. */
function relabel(container) {
  container.querySelectorAll('[data-add-another-item]').forEach((item, i) => {
    const legend = item.querySelector('[data-add-another-legend]');
    if (!legend) return;
    legend.textContent = `${legend.dataset.addAnotherLegend} ${i + 1}`;
    const hidden = item.querySelector('button[value^="remove:"] .govuk-visually-hidden');
    if (hidden) hidden.textContent = ` ${legend.dataset.addAnotherLegend} ${i + 1}`;
  });
}

function addRow(container) {
  const list = { pointer: container.dataset.addAnother, name: container.dataset.addAnotherName, id: container.dataset.addAnotherId };
  const items = container.querySelectorAll('[data-add-another-item]');
  const last = items[items.length - 1];
  if (!last) return false;
  const from = Number(last.dataset.addAnotherItem);
  const to = Math.max(...[...items].map((i) => Number(i.dataset.addAnotherItem))) + 1;
  const row = last.cloneNode(true);
  row.dataset.addAnotherItem = String(to);
  renumber(row, list, from, to);
  for (const el of row.querySelectorAll('.govuk-error-message')) el.remove();
  for (const el of row.querySelectorAll('.govuk-form-group--error')) el.classList.remove('govuk-form-group--error');
  for (const el of row.querySelectorAll('.govuk-input--error, .govuk-select--error, .govuk-textarea--error')) {
    el.classList.remove('govuk-input--error', 'govuk-select--error', 'govuk-textarea--error');
  }
  for (const el of row.querySelectorAll('input, textarea, select')) {
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
    else if (el.tagName === 'SELECT') el.selectedIndex = 0;
    else if (el.type !== 'hidden') el.value = '';
  }
  last.after(row);
  relabel(container);
  row.querySelector('input:not([type=hidden]), textarea, select')?.focus();
  return true;
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('button[name="_action"]');
  const container = button?.closest('[data-add-another]');
  if (!button || !container) return;
  if (button.value === `add:${container.dataset.addAnother}` && addRow(container)) event.preventDefault();
  if (button.value.startsWith('remove:') && container.querySelectorAll('[data-add-another-item]').length > 1) {
    const row = button.closest('[data-add-another-item]');
    const next = row.nextElementSibling?.querySelector('input:not([type=hidden]), textarea, select') ?? container.querySelector('button[value^="add:"]');
    row.remove();
    relabel(container);
    next?.focus();
    event.preventDefault();
  }
});
