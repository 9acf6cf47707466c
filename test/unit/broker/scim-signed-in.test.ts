/**
 * The SCIM write tells the broker whether the user was signed in when it committed (the event's
 * `signedIn`, read inside the write's transaction), so that a write of a user nobody signed in
 * as costs the broker nothing. These cases go through the real SCIM service and check that a
 * session the broker must reach is still reached: without a push channel, under the previous
 * name of a rename, and signed in through another connection to the same SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import type { CloudEventMap } from '../../../electron/cloud/events.js';
import type { ScimTarget } from '../../../electron/cloud/scim/request.js';
import { buildCloudServices, type CloudServices } from '../../../electron/cloud/services.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store, StoredSession } from '../../../electron/cloud/store/types.js';
import { CODES } from '../../../shared/errors/codes.js';
import { ALICE, ENGINEER, startTestCloud, T0, type TestCloud } from './harness.js';

const BOB = 'bob@acme.example';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The user `userName` in the SCIM database; returns its id. */
async function scimUser(services: CloudServices, target: ScimTarget, userName: string) {
  const created = await services.scim.create(
    'User',
    target,
    { schemas: [USER_SCHEMA], userName, active: true },
    {},
  );
  return created.resource.id;
}

const replace = (services: CloudServices, target: ScimTarget, id: string, value: object) =>
  services.scim.patch(
    'User',
    target,
    id,
    { schemas: [PATCH_OP], Operations: [{ op: 'replace', value }] },
    {},
    {},
  );

/** Every `scim.changed` event of the cloud from now on. */
function recordEvents(services: CloudServices) {
  const seen: CloudEventMap['scim.changed'][] = [];
  services.events.on('scim.changed', (e) => seen.push(e));
  return seen;
}

describe('one cloud', () => {
  let c: TestCloud;
  let target: ScimTarget;
  beforeEach(async () => {
    c = await startTestCloud();
    target = { idpId: c.acme.id, baseUrl: 'http://cloud.test/scim' };
  });
  afterEach(() => c.stop());

  const ownerOf = (s: StoredSession) => `${s.idpId}|${s.userName.toLowerCase()}|${s.deviceId}`;

  it("a deactivation closes a signed-in user's app connections with no connector attached", async () => {
    const events = recordEvents(c.services);
    const aliceId = await scimUser(c.services, target, ALICE);
    const bobId = await scimUser(c.services, target, BOB);
    const alice = c.signIn(ALICE, ENGINEER);
    const connection = c.services.broker.open(alice, 'git.acme.example', 443).connection!;

    await replace(c.services, target, aliceId, { active: false });
    await replace(c.services, target, bobId, { active: false });

    expect(c.services.broker.connections.list(ownerOf(alice))).toEqual([]);
    expect(c.services.broker.connections.log.of(ownerOf(alice))).toContainEqual(
      expect.objectContaining({
        connectionId: connection.id,
        event: 'closed',
        code: CODES.MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE,
      }),
    );
    expect(events.map((e) => [e.name, e.change, e.signedIn])).toEqual([
      [ALICE, 'created', false],
      [BOB, 'created', false],
      [ALICE, 'updated', true],
      [BOB, 'updated', false],
    ]);
  });

  it('a signed-out session does not count; a rename is looked up under the previous name', async () => {
    const events = recordEvents(c.services);
    const aliceId = await scimUser(c.services, target, ALICE);
    const signedOut = c.signIn(ALICE, ENGINEER);
    c.services.sessions.signOut(signedOut);
    await replace(c.services, target, aliceId, { displayName: 'Alice' });
    const alice = c.signIn(ALICE.toUpperCase(), ENGINEER);

    await replace(c.services, target, aliceId, { userName: 'alice.new@acme.example' });

    expect(events.map((e) => e.signedIn)).toEqual([false, false, true]);
    expect(c.stored(alice.id).doc).toMatchObject({
      terminated: { code: CODES.SCIM_USERNAME_CHANGED },
    });
  });

  it('a deletion reaches the signed-in user too', async () => {
    const events = recordEvents(c.services);
    const aliceId = await scimUser(c.services, target, ALICE);
    const alice = c.signIn(ALICE, ENGINEER);
    c.services.broker.open(alice, 'git.acme.example', 443);
    await c.services.scim.remove('User', target, aliceId, {}, {});
    expect(events.at(-1)).toMatchObject({ change: 'deleted', signedIn: true });
    expect(c.services.broker.connections.list(ownerOf(alice))).toEqual([]);
  });
});

describe('a SQLite file with another connection', () => {
  let dir: string;
  let here: Store;
  let other: Store;
  let services: CloudServices;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scim-signed-in-'));
    here = openSqliteStore(join(dir, 'cloud.db'));
    services = buildCloudServices({
      store: here,
      clock: new SimulatedClock(() => T0),
      adminToken: 'unit-test-admin-token',
      baseUrl: () => 'http://cloud.test',
      seed: true,
    });
    other = openSqliteStore(join(dir, 'cloud.db'));
  });
  afterEach(async () => {
    services.broker.stop();
    await other.close();
    await here.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a session the other connection stored is seen by this cloud's SCIM write", async () => {
    const acme = services.idps.list().find((i) => i.domains.includes('acme.example'))!;
    const target = { idpId: acme.id, baseUrl: 'http://cloud.test/scim' };
    const aliceId = await scimUser(services, target, ALICE);
    // Written through the other connection, after this cloud last read anything about alice.
    other.auth.insertSession({
      id: 'signed-in-elsewhere',
      tokenHash: 'hash-elsewhere',
      idpId: acme.id,
      userName: ALICE,
      deviceId: 'device-2',
      createdAt: T0,
      revokedAt: null,
      doc: { protocol: 'saml', attributes: {}, authTime: T0, scimStatus: 'active' },
    });

    await replace(services, target, aliceId, { userName: 'alice.new@acme.example' });

    expect(other.auth.sessionById('signed-in-elsewhere')!.doc).toMatchObject({
      terminated: { code: CODES.SCIM_USERNAME_CHANGED },
    });
  });
});
