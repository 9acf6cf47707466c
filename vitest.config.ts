import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The files share one worker's module graph: the cloud is imported once, not per file
          // (about half the project's time). So a file must leave nothing running behind it:
          // connector cores are disposed when their test ends (stories/connector-harness.ts).
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.test.tsx'],
          setupFiles: ['test/unit/renderer/setup.ts'],
        },
      },
      {
        // `npm run bench:smoke`: the benchmarks at tiny sizes; not part of `npm test`.
        test: { name: 'bench-smoke', include: ['test/bench/**/*.test.ts'], testTimeout: 600_000 },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The shared store: the store's behaviour suite, SCIM conformance and PostgreSQL's own
        // tests (durability) against a real PostgreSQL (test/postgres/global-setup.ts).
        test: {
          name: 'postgres',
          include: [
            'test/postgres/**/*.test.ts',
            'test/unit/store/**/*.test.ts',
            'test/conformance/**/*.test.ts',
            'test/integration/stories/**/*.test.ts',
          ],
          globalSetup: ['test/postgres/global-setup.ts'],
          // The files share one worker's module graph: importing the cloud once, not per file.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
