import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { formatDateForPeople } from './dates-for-people';
import { fromRepoRoot } from './repo-root';

/**
 * Renders `templates/<name>.hbs`. One Handlebars environment for the project, escaping
 * on: templates never use triple braces, so every value reaches the page as text.
 * Layouts (`templates/layouts/*.hbs`, used as `{{#> layouts/main}}…{{/layouts/main}}`)
 * and partials (`templates/partials/**.hbs`, used as `{{> govuk/input …}}`) are
 * registered on first use.
 */
const handlebars = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();
let partialsRegistered = false;

function hbsFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? hbsFiles(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : []));
}

function registerPartials(): void {
  const root = fromRepoRoot('templates');
  for (const [folder, prefix] of [['layouts', 'layouts/'], ['partials', '']] as const) {
    for (const file of hbsFiles(join(root, folder))) {
      const name = prefix + relative(join(root, folder), file).replace(/\\/g, '/').replace(/\.hbs$/, '');
      handlebars.registerPartial(name, readFileSync(file, 'utf8'));
    }
  }
  partialsRegistered = true;
}

/** Adds helpers to the project's environment (the pages add theirs once, before rendering). */
export function registerTemplateHelpers(helpers: Record<string, Handlebars.HelperDelegate>): void {
  handlebars.registerHelper(helpers);
}

/** `{{date value}}`: a calendar date or an instant as people write it (21 May 2018; 21 May 2018, 14:05). */
handlebars.registerHelper('date', (value: unknown) => {
  if (value !== null && value !== undefined && typeof value !== 'string') throw new TypeError(`{{date}} takes a date or an instant, not ${typeof value}`);
  return formatDateForPeople(value);
});

export function renderTemplate(name: string, context: object): string {
  return compiledTemplate(name, () => readFileSync(fromRepoRoot('templates', `${name}.hbs`), 'utf8'))(context);
}

/** One partial on its own (`govuk/input`), as a page would include it; `block` is the content of a block partial. */
export function renderPartial(name: string, context: object, block?: string): string {
  const source = block === undefined ? `{{> ${JSON.stringify(name)}}}` : `{{#> ${JSON.stringify(name)}}}${block}{{/${JSON.stringify(name)}}}`;
  return compiledTemplate(`partial:${source}`, () => source)(context);
}

function compiledTemplate(key: string, source: () => string): Handlebars.TemplateDelegate {
  if (!partialsRegistered) registerPartials();
  let template = compiled.get(key);
  if (!template) {
    template = handlebars.compile(source());
    compiled.set(key, template);
  }
  return template;
}
