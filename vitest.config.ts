import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The browser tests need the console built (dist/console); this builds it only when stale.
    globalSetup: ['test/browser/global-setup.ts'],
  },
});
