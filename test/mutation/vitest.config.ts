import { defineConfig } from 'vitest/config';

/**
 * The vitest config Stryker runs (see stryker.config.mjs): the test files of the module being
 * mutated, named by test/mutation/run.mjs in MUTATION_TESTS (comma-separated globs), so that a
 * mutant of the SCIM filter never waits for the policy or SAML suites.
 */
const include = (process.env.MUTATION_TESTS ?? 'test/unit/**/*.test.ts').split(',');

export default defineConfig({
  test: { include, exclude: ['**/node_modules/**', 'test/unit/renderer/**'], testTimeout: 30_000 },
});
