import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { fromRepoRoot } from './repo-root';

/**
 * Renders `templates/<name>.hbs`. One Handlebars environment for the project, escaping
 * on: templates never use triple braces, so every value reaches the page as text.
 */
const handlebars = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function renderTemplate(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = handlebars.compile(readFileSync(fromRepoRoot('templates', `${name}.hbs`), 'utf8'));
    compiled.set(name, template);
  }
  return template(context);
}
