import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';
import { PREREQUISITES_STEP, prerequisites } from './prerequisites';

/** Debian's Chromium (or CHROMIUM_PATH), never a browser download; installed before the tests by the prerequisites step. */
export const CHROMIUM = prerequisites.chromiumPath();

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: ${PREREQUISITES_STEP}`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
