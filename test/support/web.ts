import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import request from 'supertest';
import { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { TestApp, createTestApp } from './test-app';
import { nextTotpCode, rememberTotpSecret } from './sign-in';
import { PASSWORD } from './world';

/**
 * Browser tests of the pages: the real server (the same configureApp as main.ts) on a
 * free loopback port and a fresh database, driven in Debian's Chromium. Elements are
 * found as a person finds them, by role, label and text, never by CSS selector.
 * One browser per test file; a new context (cookies, storage) per user.
 */

export interface WebApp extends TestApp {
  baseUrl: string;
  browser: Browser;
  /** a fresh browser context (no cookies) with the server as its base URL; `javaScript: false` for a browser without scripts */
  newPage(options?: { width?: number; height?: number; javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the pages' assets when their sources changed (a few milliseconds when not). */
export function buildAssets(): void {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build-assets.js')], { stdio: 'pipe' });
}

export async function startWebApp(options: Parameters<typeof createTestApp>[0] = {}): Promise<WebApp> {
  buildAssets();
  const t = await createTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    ...t,
    baseUrl,
    browser,
    async newPage({ width = 1024, height = 768, javaScript = true } = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height }, javaScriptEnabled: javaScript });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      appOf.set(page, t);
      return page;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** The server each page of `newPage` talks to, for the one-time codes of its users. */
const appOf = new WeakMap<Page, TestApp>();

/** The key an enrolment page shows, without its spaces. */
async function shownKey(page: Page): Promise<string> {
  const text = await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/).first().innerText();
  return text.replace(/\s/g, '');
}

/**
 * Signs in through the pages as a person does: the password, then the code from the
 * user's app when the account has one (the secrets test/support/sign-in.ts knows), or
 * setting an app up when the role requires one.
 */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  const t = appOf.get(page)!;
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  if (new URL(page.url()).pathname === '/sign-in/code') {
    await page.getByLabel('Code from your authenticator app').fill(nextTotpCode(t, username));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in/code');
  }
  if (new URL(page.url()).pathname === '/account/two-factor') {
    rememberTotpSecret(t, username, await shownKey(page));
    await page.getByLabel('Code from your authenticator app').fill(nextTotpCode(t, username));
    await page.getByRole('button', { name: 'Set up the app' }).click();
    await page.getByRole('link', { name: 'Continue' }).click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/account/'));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}

/** axe-core on the page as it is: no violation of WCAG 2.0, 2.1 or 2.2, levels A and AA. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  const violations = result.violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect({ page: new URL(page.url()).pathname, violations }).toEqual({ page: new URL(page.url()).pathname, violations: [] });
}

/**
 * The page at 200 % zoom of a 1280-pixel-wide window: a 640-pixel viewport. Nothing may
 * need scrolling sideways, and `mustSee` (the page's main heading, say) stays visible.
 */
export async function expectUsableAtDoubleZoom(page: Page, mustSee: Locator[]): Promise<void> {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 640, height: 720 });
  try {
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect({ page: new URL(page.url()).pathname, horizontalOverflow: overflow }).toEqual({ page: new URL(page.url()).pathname, horizontalOverflow: 0 });
    for (const locator of mustSee) {
      await locator.scrollIntoViewIfNeeded();
      await expectVisible(locator);
    }
  } finally {
    await page.setViewportSize(before);
  }
}

async function expectVisible(locator: Locator): Promise<void> {
  expect(await locator.isVisible()).toBe(true);
}

/** The browser's globals, inside functions that run in the page (this project's TypeScript has no DOM types). */
type InPage = { document: { activeElement: unknown }; getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string; boxShadow: string } };

/** Has the element `target` finds the keyboard focus? */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === (globalThis as unknown as InPage).document.activeElement).catch(() => false);
}

/** Is the focused element the one `target` finds, and does it show that it has focus (an outline or GOV.UK's focus shadow)? */
async function focusOn(target: Locator): Promise<{ focused: boolean; visible: boolean }> {
  const style = await target
    .evaluate((el) => {
      const w = globalThis as unknown as InPage;
      if (el !== w.document.activeElement) return null;
      const s = w.getComputedStyle(el);
      return { outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none' };
    })
    .catch(() => null);
  return style ? { focused: true, visible: style.outline || style.shadow } : { focused: false, visible: false };
}

/**
 * Reaches `target` with the Tab key alone (at most `maxTabs` presses), checks the focus
 * can be seen, and activates it with `key` (Enter for links and buttons, Space for
 * checkboxes and radios).
 */
export async function tabTo(page: Page, target: Locator, options: { key?: 'Enter' | ' ' | null; maxTabs?: number } = {}): Promise<void> {
  const { key = 'Enter', maxTabs = 80 } = options;
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const at = await focusOn(target);
    if (at.focused) {
      expect({ target: String(target), focusVisible: at.visible }).toEqual({ target: String(target), focusVisible: true });
      if (key) await page.keyboard.press(key);
      return;
    }
  }
  throw new Error(`${String(target)} was not reached with ${maxTabs} presses of Tab`);
}

/** A screenshot to $MAPWORK_SCREENSHOTS/<name>.png when that variable is set (docs/screenshots in the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.MAPWORK_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Collects every alert, confirm or prompt a page opens (something that should never happen). */
export function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

/** A cookie-keeping HTTP client of the pages (supertest), for tests below the browser. */
export type PageAgent = ReturnType<typeof request.agent>;

export function pageAgent(t: TestApp): PageAgent {
  return request.agent(t.app.getHttpServer());
}

/** The CSRF token of the form on `path`, as the page gives it to this agent. */
export async function csrfTokenOn(agent: PageAgent, path: string): Promise<string> {
  const res = await agent.get(path);
  const m = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!m) throw new Error(`no form with a CSRF token on ${path} (status ${res.status})`);
  return m[1];
}

/** An agent signed in through the sign-in pages, as a browser is (with a one-time code when the account has an app). */
export async function signedInAgent(t: TestApp, username: string, password = PASSWORD): Promise<PageAgent> {
  const agent = pageAgent(t);
  const _csrf = await csrfTokenOn(agent, '/sign-in');
  let res = await agent.post('/sign-in').type('form').send({ _csrf, username, password }).expect(303);
  if (res.headers.location.startsWith('/sign-in/code')) {
    const token = await csrfTokenOn(agent, '/sign-in/code');
    res = await agent.post('/sign-in/code').type('form').send({ _csrf: token, totp: nextTotpCode(t, username) }).expect(303);
  }
  if (res.headers.location.startsWith('/sign-in') || res.headers.location.startsWith('/account/')) {
    throw new Error(`sign-in of ${username} through the pages went on to ${res.headers.location}`);
  }
  return agent;
}
