import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests share one process-wide clock override (MADOGUCHI_NOW) only through explicit config objects.
    env: { TZ: 'UTC' },
  },
});
