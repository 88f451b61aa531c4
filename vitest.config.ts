import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on two cores: most long tests wait on child processes, brokers and
    // simulated time, not the CPU (the suite takes ~10 min this way against ~20 min one at a time).
    maxWorkers: 2,
  },
});
