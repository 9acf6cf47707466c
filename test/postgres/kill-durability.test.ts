/**
 * The promise of the PostgreSQL store: a write is committed before its response. The real cloud
 * CLI (`npm run cloud -- --db postgres://…`) takes a stream of SCIM creates and is killed with
 * SIGKILL, the way a crash would; a new cloud on the same database finds every acknowledged user.
 */
import { afterAll, expect, it } from 'vitest';
import { spawnCloudCli, type CliCloud } from '../helpers/cli.js';
import { createsUntilKilled } from '../helpers/creates-until-killed.js';
import { admin, enableScim, expectList, scim, type Body } from '../helpers/cloud.js';
import { freshPostgresUrl } from './test-db.js';

const started: CliCloud[] = [];
afterAll(async () => {
  for (const cli of started) await cli.dispose();
});

async function spawnCli(db: string): Promise<CliCloud> {
  const cli = await spawnCloudCli(['--port', '0', '--db', db, '--admin-token', 't0k3n'], 60_000);
  started.push(cli);
  return cli;
}

it(
  'loses no acknowledged SCIM create when the cloud is killed with SIGKILL',
  { timeout: 120_000 },
  async () => {
    const db = (await freshPostgresUrl({ seeded: true }))!;
    const cli = await spawnCli(db);
    const { token, idp } = await enableScim({ baseUrl: cli.baseUrl, adminToken: 't0k3n' }, 'Okta');
    const c = scim(idp.scimEndpoint, token);

    const {
      acknowledged: acked,
      attempted,
      exit,
    } = await createsUntilKilled(cli, c, {
      atLeast: 40,
      withinMs: 40_000,
    });
    expect(exit.signal).toBe('SIGKILL');

    const restarted = await spawnCli(db);
    const again = await admin({ baseUrl: restarted.baseUrl, adminToken: 't0k3n' }).idp('Okta');
    expect(again.id).toBe(idp.id);
    const list = expectList(
      await scim(again.scimEndpoint, token).get(`/Users?count=1000&filter=userName sw "crash"`),
    );
    const present = new Set((list.Resources as Body[]).map((u) => u.userName as string));
    expect(acked.filter((u) => !present.has(u))).toEqual([]);
    expect(present.size).toBeLessThanOrEqual(attempted);
  },
);
