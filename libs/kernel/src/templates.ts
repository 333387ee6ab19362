import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import { fromRepoRoot } from './repo-root';

/**
 * Renders `templates/<name>.hbs`. One Handlebars environment for the project, escaping
 * on: templates never use triple braces, so every value reaches the page as text.
 * Handlebars loads with the first page: modules that also format tables and CSV (the
 * command line's) do not wait for it.
 */
let handlebars: typeof Handlebars | undefined;
const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function renderTemplate(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handlebars ??= (require('handlebars') as typeof Handlebars).create();
    template = handlebars.compile(readFileSync(fromRepoRoot('templates', `${name}.hbs`), 'utf8'));
    compiled.set(name, template);
  }
  return template(context);
}
