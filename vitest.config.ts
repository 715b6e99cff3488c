import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Production is the default mode (config.ts); tests, and the CLI they spawn, run as `test`.
    env: { DA06_ENV: 'test' },
  },
});
