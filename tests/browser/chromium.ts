import { afterAll, beforeAll } from 'vitest';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (playwright's own browser download cannot be fetched on these machines). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that keep a headless Chromium quiet on a machine without outside network.
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/**
 * One browser per test file; each test takes `browser.newContext()`, which has its own
 * cookies and storage, so no launch state leaks from one test to the next.
 */
export function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * Opens one browser for the calling test file (beforeAll) and closes it after (afterAll).
 * Returns a getter because the browser exists only once the hook has run.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is opened in beforeAll; call the getter inside a test');
    return browser;
  };
}
