import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Handlebars from 'handlebars';
import { formatDateForPeople } from './dates-for-people';
import { fromRepoRoot } from './repo-root';

/**
 * Renders `templates/<name>.hbs`. One Handlebars environment for the project, escaping
 * on: templates never use triple braces, so every value reaches the page as text.
 * Layouts (`templates/layouts/*.hbs`, used as `{{#> layouts/main}}…{{/layouts/main}}`)
 * and partials (`templates/partials/**.hbs`, used as `{{> govuk/input …}}`) are
 * registered on first use. Handlebars loads with the first page: modules that also
 * format tables and CSV (the command line's) do not wait for it.
 */
let environment: typeof Handlebars | undefined;
const compiled = new Map<string, Handlebars.TemplateDelegate>();
const helpers: Record<string, Handlebars.HelperDelegate> = {};

function hbsFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? hbsFiles(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : []));
}

function registerPartials(env: typeof Handlebars): void {
  const root = fromRepoRoot('templates');
  for (const [folder, prefix] of [['layouts', 'layouts/'], ['partials', '']] as const) {
    for (const file of hbsFiles(join(root, folder))) {
      const name = prefix + relative(join(root, folder), file).replace(/\\/g, '/').replace(/\.hbs$/, '');
      env.registerPartial(name, readFileSync(file, 'utf8'));
    }
  }
}

/** Adds helpers to the project's environment (the pages add theirs once, before rendering). */
export function registerTemplateHelpers(more: Record<string, Handlebars.HelperDelegate>): void {
  Object.assign(helpers, more);
  environment?.registerHelper(more);
}

function handlebars(): typeof Handlebars {
  if (environment) return environment;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const env = (require('handlebars') as typeof Handlebars).create();
  /** `{{date value}}`: a calendar date or an instant as people write it (21 May 2018; 21 May 2018, 14:05). */
  env.registerHelper('date', (value: unknown) => {
    if (value !== null && value !== undefined && typeof value !== 'string') throw new TypeError(`{{date}} takes a date or an instant, not ${typeof value}`);
    return formatDateForPeople(value);
  });
  env.registerHelper(helpers);
  registerPartials(env);
  environment = env;
  return env;
}

export function renderTemplate(name: string, context: object): string {
  return compiledTemplate(name, () => readFileSync(fromRepoRoot('templates', `${name}.hbs`), 'utf8'))(context);
}

/** One partial on its own (`govuk/input`), as a page would include it; `block` is the content of a block partial. */
export function renderPartial(name: string, context: object, block?: string): string {
  const source = block === undefined ? `{{> ${JSON.stringify(name)}}}` : `{{#> ${JSON.stringify(name)}}}${block}{{/${JSON.stringify(name)}}}`;
  return compiledTemplate(`partial:${source}`, () => source)(context);
}

function compiledTemplate(key: string, source: () => string): Handlebars.TemplateDelegate {
  let template = compiled.get(key);
  if (!template) {
    template = handlebars().compile(source());
    compiled.set(key, template);
  }
  return template;
}
