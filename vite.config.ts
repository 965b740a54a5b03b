import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// HTML entries: launch.html is what the EHR opens (it only authorizes and redirects),
// index.html is the app itself, patient.html the patient app. Apart, each bundle stays small.
export default defineConfig({
  plugins: [react()],
  // fhirclient's "pure" mode: skip its fetch/AbortController polyfills, which every browser
  // we support (and every EHR's embedded Edge WebView2) has natively.
  define: { FHIRCLIENT_PURE: 'true' },
  // fhirclient's debug logger, off for good: no token or patient id can reach the console
  // through it (vendor/debug-off).
  resolve: { alias: [{ find: /^debug$/, replacement: resolve(import.meta.dirname, 'vendor/debug-off/index.cjs') }] },
  // A placeholder nonce on the HTML's tags and in <meta property="csp-nonce">: the server
  // swaps in a fresh value per response and names it in its Content-Security-Policy, so the
  // style elements emotion (MUI) inserts are allowed without 'unsafe-inline'
  // (sandbox/http/securityHeaders.ts, docs/security.md).
  html: { cspNonce: 'CSP_NONCE_PLACEHOLDER' },
  build: {
    // No modulepreload polyfill (240 bytes gzip of the first screen, 280 of the launch page):
    // every browser an EHR embeds (Edge WebView2, Chrome, Safari 17 and later) preloads module
    // dependencies itself, and where one did not, the modules still load, only not ahead.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch.html'),
        // The patient app (phone first, its own small bundle: no MUI, no charts).
        patient: resolve(import.meta.dirname, 'patient.html'),
      },
      // src/clinical is pure by rule (no React, no fetch, no clock; ESLint enforces): importing
      // its barrels for one function must not pull the rest of the model into the first screen.
      treeshake: { moduleSideEffects: (id: string) => (/[\\/]src[\\/]clinical[\\/]/.test(id) ? false : undefined) },
    },
  },
  test: {
    // Vitest's default is one worker less than the cores: one worker on these 2-core machines,
    // which ran the 146 files one after another (unit tests 436 s; 319 s with two workers,
    // docs/performance.md). The tests wait on I/O and timers often enough to share the cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // Limits catch hangs, not slowness (performance lives in npm run bench): the eCQM,
          // MeasureReport validation and Medplum comparisons take seconds on a busy 2-core machine.
          testTimeout: 30_000,
          // beforeAll starts a sandbox with a panel: the same limit as a test, not vitest's 10 s.
          hookTimeout: 30_000,
          include: ['src/**/*.test.ts', 'sandbox/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          // Typing through user-event in jsdom is slow on a busy 2-core machine; 20 s was too tight
          // with several test runs sharing the cores.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          include: ['src/**/*.test.tsx'],
          setupFiles: ['tests/setup/dom.ts'],
          // fhirclient caches the page URL in a module-level adapter; inlining it lets
          // vi.resetModules() give each simulated page load a fresh copy, as a browser would.
          server: { deps: { inline: ['fhirclient'] } },
        },
      },
    ],
  },
});
