// @ts-check
/**
 * Stryker mutation testing, shared settings. `npm run test:mutation` (test/mutation/run.mjs)
 * runs it once per module with that module's files to mutate and its own tests; it is not part
 * of `npm test` (slow). The machine has 2 cores shared with others: one test-runner process.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 5_000,
  reporters: ['html', 'json', 'progress'],
  ignorePatterns: ['dist', 'test-results', 'playwright-report', 'reports', '.cache', '*.db'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
