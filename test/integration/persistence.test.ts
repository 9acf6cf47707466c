/**
 * Persistence of the SCIM database in a file: a clean restart keeps everything (ids, versions,
 * token), a SIGKILL in the middle of a stream of creates loses no acknowledged write, and the CLI
 * shuts down cleanly on SIGTERM and prints a working admin token when none is given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { spawnCloudCli, waitForLine, type CliCloud } from '../helpers/cli.js';
import { createsUntilKilled } from '../helpers/creates-until-killed.js';
import {
  admin,
  enableScim,
  ENTERPRISE_SCHEMA,
  expectList,
  expectScimError,
  expectStatus,
  GROUP_SCHEMA,
  scim,
  startTestCloud,
  USER_SCHEMA,
  type Body,
  type ScimClient,
} from '../helpers/cloud.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pac-persistence-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every user of the IdP, in store order, read through SCIM. */
async function allUsers(client: ScimClient): Promise<Body[]> {
  const out: Body[] = [];
  for (let startIndex = 1; ; startIndex += 1000) {
    const page = expectList(await client.get(`/Users?startIndex=${startIndex}&count=1000`));
    out.push(...page.Resources);
    if (startIndex + 1000 > page.totalResults) return out;
  }
}

describe('restart on the same database file', () => {
  it('keeps users, groups, ids, versions, the SCIM token and the sync log', async () => {
    const db = join(dir, 'restart.db');
    const clouds: RunningCloud[] = [];
    try {
      const first = await startTestCloud({ db, adminToken: 'persist-admin' });
      clouds.push(first);
      const { endpoint, token, idp } = await enableScim(first, 'Okta');
      const c = scim(endpoint, token);
      const users: Body[] = [];
      for (let i = 0; i < 5; i++) {
        users.push(
          expectStatus(
            await c.post('/Users', {
              schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
              userName: `p${i}@acme.example`,
              externalId: `00upersist${i}`,
              name: { givenName: `P${i}`, familyName: 'Persist' },
              emails: [{ value: `p${i}@acme.example`, type: 'work', primary: true }],
              [ENTERPRISE_SCHEMA]: { department: i % 2 ? 'Sales' : 'Engineering' },
            }),
            201,
          ),
        );
      }
      const group = expectStatus(
        await c.post('/Groups', {
          schemas: [GROUP_SCHEMA],
          displayName: 'Persisted',
          members: users.slice(0, 3).map((u) => ({ value: u.id })),
        }),
        201,
      );
      // Give some resources a version above 1.
      for (const title of ['Engineer', 'Senior Engineer']) {
        expectStatus(
          await c.patchOps(`/Users/${users[0].id}`, [
            { op: 'replace', path: 'title', value: title },
          ]),
          200,
        );
      }
      expectStatus(
        await c.patchOps(`/Users/${users[1].id}`, [{ op: 'replace', value: { active: false } }]),
        200,
      );

      const idpCount = (await admin(first).idps()).length;
      const before = {
        users: await allUsers(c),
        group: expectStatus(await c.get(`/Groups/${group.id}`), 200),
      };
      // Joining the group gave the first three users a new version too (their groups changed).
      expect(before.users.map((u) => u.meta.version)).toEqual([
        'W/"4"',
        'W/"3"',
        'W/"2"',
        'W/"1"',
        'W/"1"',
      ]);
      await first.close();

      const second = await startTestCloud({ db, adminToken: 'persist-admin' });
      clouds.push(second);
      expect(second.tenantId).toBe(first.tenantId);
      const idps = await admin(second).idps();
      expect(idps).toHaveLength(idpCount); // the demo tenant is seeded once, not again
      const again = idps.find((i) => i.id === idp.id)!;
      expect(again).toMatchObject({ scimSyncEnabled: true, scimTokenSet: true });

      // Same token, new port: only the host part of meta.location differs.
      const c2 = scim(again.scimEndpoint, token);
      const rebase = (x: unknown, baseUrl: string) =>
        JSON.parse(JSON.stringify(x).replaceAll(baseUrl, '@')) as unknown;
      const after = {
        users: await allUsers(c2),
        group: expectStatus(await c2.get(`/Groups/${group.id}`), 200),
      };
      expect(rebase(after, second.baseUrl)).toEqual(rebase(before, first.baseUrl));
      expect((await c2.get(`/Users/${users[0].id}`)).headers.get('etag')).toBe('W/"4"');

      // Indexes and constraints came back too.
      expectScimError(
        await c2.post('/Users', { schemas: [USER_SCHEMA], userName: 'P0@ACME.EXAMPLE' }),
        409,
        'uniqueness',
      );
      const next = expectStatus(
        await c2.patchOps(`/Users/${users[0].id}`, [
          { op: 'replace', path: 'title', value: 'Lead' },
        ]),
        200,
      );
      expect(next.meta.version).toBe('W/"5"');

      const log = await admin(second).syncLogs({ idpId: idp.id, method: 'POST', limit: 100 });
      expect(log.total).toBeGreaterThanOrEqual(6);
    } finally {
      for (const c of clouds) await c.close();
    }
  });
});

describe('the cloud CLI', () => {
  const started: CliCloud[] = [];
  afterAll(async () => {
    for (const cli of started) await cli.dispose();
  });
  const spawnCli = async (args: string[]) => {
    const cli = await spawnCloudCli(args);
    started.push(cli);
    return cli;
  };

  it(
    'loses no acknowledged create when killed with SIGKILL mid-stream',
    { timeout: 90_000 },
    async () => {
      const db = join(dir, 'crash.db');
      const args = ['--port', '0', '--db', db, '--admin-token', 't0k3n'];
      const cli = await spawnCli(args);
      const { token, idp } = await enableScim(
        { baseUrl: cli.baseUrl, adminToken: 't0k3n' },
        'Okta',
      );
      const c = scim(idp.scimEndpoint, token);

      const {
        acknowledged: acked,
        attempted,
        exit,
      } = await createsUntilKilled(cli, c, {
        atLeast: 200,
        withinMs: 30_000,
      });
      expect(exit.signal).toBe('SIGKILL');
      expect(acked.length).toBeGreaterThanOrEqual(200);

      const restarted = await spawnCli(args);
      const api = admin({ baseUrl: restarted.baseUrl, adminToken: 't0k3n' });
      const again = await api.idp('Okta');
      expect(again.id).toBe(idp.id);
      const present = new Set(
        (await allUsers(scim(again.scimEndpoint, token))).map((u) => u.userName),
      );
      const lost = acked.filter((u) => !present.has(u));
      expect(lost).toEqual([]);
      expect(present.size).toBeLessThanOrEqual(attempted);

      restarted.signal('SIGTERM');
      expect((await restarted.exited).code).toBe(0);
    },
  );

  it('closes with exit code 0 on SIGTERM', { timeout: 60_000 }, async () => {
    const cli = await spawnCli(['--port', '0', '--db', join(dir, 'term.db'), '--admin-token', 'x']);
    expect((await fetch(`${cli.baseUrl}/api/health`)).status).toBe(200);
    cli.signal('SIGTERM');
    const exit = await cli.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(cli.stdout).toContain('SIGTERM received, closing the cloud.');
  });

  it('prints a working admin token once when none is given', { timeout: 60_000 }, async () => {
    const cli = await spawnCli(['--port', '0', '--db', ':memory:']);
    const [, token] = await waitForLine(cli, /^Admin token \(shown once\): (\S+)$/);
    expect(token!.length).toBeGreaterThanOrEqual(32);
    const idps = await admin({ baseUrl: cli.baseUrl, adminToken: token! }).get('/idps');
    expect(idps.status).toBe(200);
    expect(idps.body).toHaveLength(2);
    expect((await admin({ baseUrl: cli.baseUrl, adminToken: 'guess' }).get('/idps')).status).toBe(
      401,
    );
    cli.signal('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });
});
