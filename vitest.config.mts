import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Guards judged by the clock: `npm run test:timing` (speed is the bench's to judge).
    exclude: ['test/timing/**', '**/node_modules/**'],
    testTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
