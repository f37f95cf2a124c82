// `npm run test:timing`: the guards against super-linear regressions, judged by the clock, kept out of
// the default suite (test/timing/).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/timing/**/*.test.ts'], testTimeout: 120_000 } });
