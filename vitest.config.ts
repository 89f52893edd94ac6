import { defineConfig } from 'vitest/config';

/**
 * One vitest run for the workspace: unit tests beside the code, HTTP tests through `inject()`,
 * both-database repository suites, and interop tests with real SDKs. Browser journeys live in
 * `e2e/` and run under Playwright instead.
 */
export default defineConfig({
  test: {
    include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
