import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium against `vite preview` of the built app (see test/e2e/). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
