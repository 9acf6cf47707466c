/**
 * Two instances starting together on a new database seed the demo tenant once: the seed claims
 * its settings key first, so the second waits for the first's commit and then seeds nothing
 * (with a read of the key, both read "not seeded" and the demo IdPs, users and rules came twice).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../electron/cloud/store/open-store.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { freshPostgresUrl } from './test-db.js';

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function instance(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/postgres/seed-on-go.ts', url], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the instance exited early');
    return value as string;
  };
  return { ready: next(), go: () => child.stdin!.write('go\n'), done: next };
}

it(
  'seeds the demo tenant once when two instances start on it at once',
  { timeout: 60_000 },
  async () => {
    const url = (await freshPostgresUrl())!;
    const [one, two] = [instance(url), instance(url)];
    expect(await Promise.all([one.ready, two.ready])).toEqual(['READY', 'READY']);
    one.go();
    two.go();
    expect(await Promise.all([one.done(), two.done()])).toEqual(['DONE', 'DONE']);

    const store = openStore(url);
    try {
      expect(
        store.idps
          .list()
          .map((i) => i.config.name)
          .sort(),
      ).toEqual(['Globex OIDC', 'Okta (SAML)']);
      const rules = store.policy.rules('access').map((r) => r.name);
      expect(new Set(rules).size).toBe(rules.length);
    } finally {
      await store.close();
    }
  },
);
