import { defineConfig } from 'vitest/config';

// Whole-path tests: the production build served by the sandbox EHR, driven in Debian's
// Chromium through playwright-core. One sandbox for the run (global setup), one browser per file.
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: run the files one after another so timings stay honest and Chromium has room.
    fileParallelism: false,
  },
});
