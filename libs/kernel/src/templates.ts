import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import { formatDateForPeople } from './dates-for-people';
import { fromRepoRoot } from './repo-root';

/**
 * Renders `templates/<name>.hbs`. One Handlebars environment for the project, escaping
 * on: templates never use triple braces, so every value reaches the page as text.
 * Handlebars loads with the first page: modules that also format tables and CSV (the
 * command line's) do not wait for it.
 */
let environment: typeof Handlebars | undefined;
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function handlebars(): typeof Handlebars {
  if (environment) return environment;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  environment = (require('handlebars') as typeof Handlebars).create();
  /** `{{date value}}`: a calendar date or an instant as people write it (21 May 2018; 21 May 2018, 14:05). */
  environment.registerHelper('date', (value: unknown) => {
    if (value !== null && value !== undefined && typeof value !== 'string') throw new TypeError(`{{date}} takes a date or an instant, not ${typeof value}`);
    return formatDateForPeople(value);
  });
  return environment;
}

export function renderTemplate(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = handlebars().compile(readFileSync(fromRepoRoot('templates', `${name}.hbs`), 'utf8'));
    compiled.set(name, template);
  }
  return template(context);
}
