/**
 * One-time codes and pending SAML requests are taken once, whichever instance asks: two
 * processes on one database take the same codes at the same moment, and each code goes to one
 * of them (a take is one DELETE … RETURNING; a read then a delete gave many to both).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../electron/cloud/store/open-store.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { freshPostgresUrl } from './test-db.js';

const N = 500;
const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** A child process with its own store, ready to take on "go". */
function taker(url: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/postgres/take-all.ts', url, String(N)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the taker exited early');
    return value as string;
  };
  return {
    ready: next().then((line) => expect(line).toBe('READY')),
    go: () => child.stdin!.write('go\n'),
    result: async () => JSON.parse(await next()) as { codes: number[]; requests: number[] },
  };
}

it(
  'gives each code and each SAML request to one of two instances taking them together',
  { timeout: 60_000 },
  async () => {
    const url = (await freshPostgresUrl())!;
    const store = openStore(url);
    const expiresAt = Date.now() + 600_000;
    store.transaction(() => {
      for (let i = 0; i < N; i++) {
        store.auth.putLoginCode(`code-${i}`, expiresAt, { i });
        store.auth.putSamlRequest({
          id: `req-${i}`,
          idpId: 'idp',
          createdAt: 0,
          expiresAt,
          doc: {},
        });
      }
    });
    await store.close();

    const [one, two] = [taker(url), taker(url)];
    await Promise.all([one.ready, two.ready]);
    one.go();
    two.go();
    const [x, y] = await Promise.all([one.result(), two.result()]);
    for (const kind of ['codes', 'requests'] as const) {
      const both = x[kind].filter((i) => y[kind].includes(i));
      expect(both, `${kind} taken by both`).toEqual([]);
      expect(x[kind].length + y[kind].length).toBe(N);
    }
  },
);
