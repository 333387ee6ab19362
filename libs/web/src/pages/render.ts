import { registerTemplateHelpers, renderPartial, renderTemplate } from '@mapwork/kernel';
import { PAGE_HELPERS } from './template-helpers';

let helpersRegistered = false;

function ensureHelpers(): void {
  if (!helpersRegistered) registerTemplateHelpers(PAGE_HELPERS);
  helpersRegistered = true;
}

/**
 * Renders `templates/pages/<view>.hbs` with the project's Handlebars environment: every
 * value escaped, layouts and partials available. `context` holds what the layout needs
 * (see PageRenderer) besides the page's own model.
 */
export function renderPage(view: string, context: object): string {
  ensureHelpers();
  return renderTemplate(`pages/${view}`, context);
}

/** One partial of templates/partials/ on its own, with the pages' helpers. */
export function renderPagePartial(name: string, context: object, block?: string): string {
  ensureHelpers();
  return renderPartial(name, context, block);
}
