/**
 * Debian's Chromium through playwright-core, as the browser tests drive it (see
 * tests/browser/chromium.ts; not imported because that module registers vitest hooks).
 */
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Quiet on a machine without outside network; precise memory info for the heap figure.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--enable-precise-memory-info',
];

export function openChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * A fresh context per run: empty cache, cookies and storage, like the first launch of the day.
 * tsx compiles the bench with esbuild's keepNames, so functions handed to the page may call
 * `__name`; the page gets a no-op one.
 */
export async function freshContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  return context;
}
