import { registerTemplateHelpers, renderTemplate } from '@mapwork/kernel';
import { PAGE_HELPERS } from './template-helpers';

let helpersRegistered = false;

/**
 * Renders `templates/pages/<view>.hbs` with the project's Handlebars environment: every
 * value escaped, layouts and partials available. `context` holds what the layout needs
 * (see PageRenderer) besides the page's own model.
 */
export function renderPage(view: string, context: object): string {
  if (!helpersRegistered) {
    registerTemplateHelpers(PAGE_HELPERS);
    helpersRegistered = true;
  }
  return renderTemplate(`pages/${view}`, context);
}
