/** What a page controller returns: a view to render, or where to send the browser. */
export interface PageResult {
  kind: 'page';
  /** the view under templates/pages/, e.g. `cases/case` */
  view: string;
  model: object;
  status: number;
}

export interface RedirectResult {
  kind: 'redirect';
  url: string;
}

export type WebResult = PageResult | RedirectResult;

export function page(view: string, model: object = {}, status = 200): PageResult {
  return { kind: 'page', view, model, status };
}

/** 303 See Other: after a form post the browser fetches the next page with GET (post, redirect, get). */
export function redirectTo(url: string): RedirectResult {
  return { kind: 'redirect', url };
}

export function isWebResult(value: unknown): value is WebResult {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'page' || kind === 'redirect';
}
