import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // browser-heavy suites share 2 cores: run files in parallel, but not too many at once
    maxWorkers: 2,
    minWorkers: 1,
  },
});
