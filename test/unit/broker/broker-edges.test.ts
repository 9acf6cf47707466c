/**
 * The broker at the edges of what it reacts to: its own timers, the authentication expiry over
 * several apps (or none), SCIM changes that come together or too late, signed-out sessions, and
 * two IdPs side by side. Each case checks what the connector is pushed and what happens to the
 * stored session, as broker-events.test.ts does; each was found by a mutant that survived.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_PEERS } from '../../../electron/cloud/store/no-peers.js';
import { CODES } from '../../../shared/errors/codes.js';
import {
  ALICE,
  emitScimUser,
  ENGINEER,
  HOUR,
  settle,
  startTestCloud,
  T0,
  type Connector,
  type TestCloud,
} from './harness.js';

const ERIN = 'erin@globex.example';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const iso = (ms: number) => new Date(ms).toISOString();
/** What a connector was pushed, without the snapshots and stats every clock change brings. */
const news = (connector: Connector) =>
  connector.messages.map((m) => m.type).filter((t) => t !== 'snapshot' && t !== 'stats');
let c: TestCloud;

describe("the broker's own timers", () => {
  beforeEach(async () => {
    // Installed before the broker starts, so that its intervals are the fake ones.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    c = await startTestCloud();
  });
  afterEach(async () => {
    await c.stop();
    vi.useRealTimers();
  });

  it('every second, the stats of connections in use go out without any clock change', async () => {
    const alice = c.signIn(ALICE, ENGINEER);
    c.services.broker.open(alice, 'git.acme.example', 443);
    const connector = await c.connect(alice);
    vi.advanceTimersByTime(1000);
    expect(await connector.next('stats')).toMatchObject({
      connections: [{ app: 'git.acme.example', state: 'open' }],
    });
  });

  it('every 15 s, a connector that attached after its timeout passed is told', async () => {
    const alice = c.signIn(ALICE, ENGINEER);
    c.clock.advance(8 * HOUR + 1000);
    const connector = await c.connect(alice);
    vi.advanceTimersByTime(14_999);
    await settle(connector);
    expect(connector.messages.map((m) => m.type)).toEqual(['snapshot']);
    expect(c.stored(alice.id).doc).not.toHaveProperty('reauthRequired');

    vi.advanceTimersByTime(1);
    expect(await connector.next('reauthRequired')).toMatchObject({
      reason: 'timeout',
      apps: ['git.acme.example', '*.dev.acme.example'],
    });
    expect(c.stored(alice.id).doc).toMatchObject({ reauthRequired: { reason: 'timeout' } });
  });
});

describe('with real timers', () => {
  beforeEach(async () => {
    c = await startTestCloud();
  });
  afterEach(async () => {
    await c.stop();
  });

  describe('authentication expiry', () => {
    it("the earliest timeout of the user's apps is the session's expiry", () => {
      // Intranet: the default 7 days; git and dev: 8 hours; payroll (listed last): 24 hours.
      const alice = c.signIn(ALICE, { ...ENGINEER, department: 'Finance' });
      const apps = c.services.broker.access.apps(c.services.broker.live(alice));
      const expiring = apps.filter((a) => a.decision.expiresAt !== null);
      expect(expiring.map((a) => [a.app, a.decision.expiresAt])).toEqual([
        ['intranet.acme.example', T0 + 7 * 24 * HOUR],
        ['git.acme.example', T0 + 8 * HOUR],
        ['*.dev.acme.example', T0 + 8 * HOUR],
        ['payroll.acme.example', T0 + 24 * HOUR],
      ]);
      expect(c.services.broker.live(alice).expiresAt).toBe(iso(T0 + 8 * HOUR));
    });

    it('a session whose apps never ask for reauthentication has no expiry', async () => {
      c.services.policy.createRule('timeout', {
        name: 'Globex never reauthenticates',
        conditions: [
          { operator: 'OR', operands: [{ objectType: 'IDP', lhs: 'id', rhs: c.globex.id }] },
        ],
        reauthTimeoutSeconds: -1,
        idleTimeoutSeconds: -1,
      });
      const erin = c.signIn(ERIN, { idp: c.globex });
      const connector = await c.connect(erin);
      expect(connector.messages[0]).toMatchObject({ session: { expiresAt: null } });
      c.clock.advance(30 * 24 * HOUR);
      await connector.next('snapshot');
      expect(c.services.broker.live(c.stored(erin.id))).toMatchObject({
        expiresAt: null,
        reauthRequired: null,
      });
      await settle(connector);
      expect(news(connector)).toEqual([]);
    });
  });

  describe('SCIM changes', () => {
    it('a deactivation that also changes the profile ends the session, with no reauth asked', async () => {
      c.services.idps.update(c.acme.id, { scimSyncEnabled: true, reauthOnUserUpdate: true });
      const target = { idpId: c.acme.id, baseUrl: 'http://cloud.test/scim' };
      const user = await c.services.scim.create(
        'User',
        target,
        { schemas: [USER_SCHEMA], userName: ALICE, active: true, title: 'Engineer' },
        {},
      );
      const alice = c.signIn(ALICE, ENGINEER);
      const connector = await c.connect(alice);
      // One PATCH, as an IdP sends it when a user leaves with a last profile change.
      const ops = [{ op: 'replace', value: { active: false, title: 'Former engineer' } }];
      await c.services.scim.patch(
        'User',
        target,
        user.resource.id,
        { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ops },
        {},
        {},
      );
      await connector.next('scimUserDisabled');
      await settle(connector);
      expect(news(connector)).toEqual(['scimUserDisabled']);
      expect(c.stored(alice.id).doc).not.toHaveProperty('reauthRequired');
      expect(c.services.broker.live(c.stored(alice.id))).toMatchObject({
        scimStatus: 'inactive',
        reauthRequired: null,
      });
    });

    it('a change of a user of an IdP that is gone by then is ignored', () => {
      c.services.idps.remove(c.globex.id);
      expect(() =>
        emitScimUser(c, c.globex.id, ERIN, {
          active: true,
          previousActive: true,
          attributesChanged: true,
        }),
      ).not.toThrow();
    });

    it('a signed-out session keeps its ending when the user is renamed or updated', async () => {
      c.services.idps.update(c.acme.id, { reauthOnUserUpdate: true });
      const signedOut = c.signIn(ALICE, ENGINEER);
      c.services.sessions.signOut(signedOut);
      const outs = await c.connect(signedOut);
      const live = c.signIn(ALICE, { ...ENGINEER, deviceId: 'device-2' });
      const lives = await c.connect(live);
      const scimAlice = (change: Record<string, unknown>) =>
        emitScimUser(c, c.acme.id, ALICE, change);

      scimAlice({ active: true, previousActive: true, attributesChanged: true });
      await lives.next('reauthRequired');
      scimAlice({ name: 'alice.anders@acme.example', previousName: ALICE });
      await lives.next('scimUsernameChanged');
      await settle(outs);
      expect(news(outs)).toEqual([]);
      expect(c.services.broker.live(c.stored(signedOut.id))).toMatchObject({
        reauthRequired: null,
        terminated: { code: CODES.SESSION_REVOKED, reason: 'Signed out.', at: iso(T0) },
      });
      expect(c.services.broker.live(c.stored(live.id)).terminated?.code).toBe(
        CODES.SCIM_USERNAME_CHANGED,
      );
    });
  });

  describe('IdP changes', () => {
    /** alice (acme) and erin (globex) signed in, each with a connection and a connector. */
    async function twoIdps() {
      const alice = c.signIn(ALICE, ENGINEER);
      c.services.broker.open(alice, 'git.acme.example', 443);
      const erin = c.signIn(ERIN, { idp: c.globex });
      const erinsConnection = c.services.broker.open(erin, 'wiki.globex.example', 443).connection!;
      return {
        alice,
        alices: await c.connect(alice),
        erin,
        erins: await c.connect(erin),
        erinsConnection,
      };
    }

    it("replacing one IdP with another NameID leaves the other IdP's sessions alone", async () => {
      const { alices, erin, erins, erinsConnection } = await twoIdps();
      c.services.events.emit('idp.replaced', { idpId: c.acme.id, nameIdChanged: true });
      await alices.next('idpNameIdChanged');
      await settle(erins);
      expect(news(erins)).toEqual([]);
      expect(c.services.broker.live(c.stored(erin.id)).terminated).toBeNull();
      expect(c.services.broker.snapshot(c.stored(erin.id)).connections.map((x) => x.id)).toEqual([
        erinsConnection.id,
      ]);
    });

    it("rotating one IdP's certificate or enabling its SCIM attributes asks only its sessions", async () => {
      const { alices, erin, erins } = await twoIdps();
      c.clock.advance(1000);
      c.services.events.emit('idp.certificateRotated', { idpId: c.acme.id });
      await alices.next('reauthRequired');
      c.services.idps.update(c.acme.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
      await settle(alices);
      await settle(erins);
      expect(news(erins)).toEqual([]);
      expect(c.stored(erin.id).doc).not.toHaveProperty('reauthRequired');
    });

    it('enabling SCIM attributes for policy leaves a pending timeout as it is', async () => {
      const alice = c.signIn(ALICE, ENGINEER);
      const connector = await c.connect(alice);
      c.clock.advance(8 * HOUR + 1000);
      await connector.next('reauthRequired');
      c.clock.advance(1000);
      c.services.idps.update(c.acme.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
      await settle(connector);
      expect(news(connector)).toEqual(['reauthRequired']);
      expect(c.services.broker.live(c.stored(alice.id)).reauthRequired).toMatchObject({
        reason: 'timeout',
        since: iso(T0 + 8 * HOUR),
      });
    });

    it('only a certificate change is announced as one', async () => {
      c.services.idps.update(c.acme.id, { reauthOnUserUpdate: true });
      const dave = c.signIn('dave@acme.example', ENGINEER);
      const daves = await c.connect(dave);
      const carol = c.signIn('carol@acme.example', { department: 'Finance' });
      const carols = await c.connect(carol);
      emitScimUser(c, c.acme.id, 'dave@acme.example', {
        active: true,
        previousActive: true,
        attributesChanged: true,
      });
      expect(await daves.next('reauthRequired')).toMatchObject({ reason: 'user_updated' });
      c.clock.advance(1000);
      c.services.idps.update(c.acme.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
      expect(await carols.next('reauthRequired')).toMatchObject({ reason: 'scim_policy_enabled' });
      await settle(daves);
      await settle(carols);
      expect(news(daves)).toEqual(['reauthRequired']);
      expect(news(carols)).toEqual(['reauthRequired']);
    });

    it('a session authenticated at the very instant SCIM attributes were enabled is not asked', async () => {
      const alice = c.signIn(ALICE, ENGINEER);
      const connector = await c.connect(alice);
      c.services.idps.update(c.acme.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
      await settle(connector);
      expect(news(connector)).toEqual([]);
      expect(c.services.broker.live(c.stored(alice.id))).toMatchObject({
        scimReady: true,
        reauthRequired: null,
      });
    });
  });
});

describe('an order from another cloud instance on the database', () => {
  const published: string[] = [];
  let fromPeers: (text: string) => void = () => undefined;
  beforeEach(async () => {
    // SQLite has no other instance: this broker plays both, publishing an order for a connector
    // it does not hold and then, holding it, carrying the order out as NOTIFY would bring it.
    published.length = 0;
    vi.spyOn(NO_PEERS, 'publish').mockImplementation((topic, text) => {
      if (topic === 'broker') published.push(text);
    });
    vi.spyOn(NO_PEERS, 'on').mockImplementation((topic, listener) => {
      if (topic === 'broker') fromPeers = listener;
      return () => undefined;
    });
    c = await startTestCloud();
  });
  afterEach(async () => {
    await c.stop();
    vi.restoreAllMocks();
  });

  it('a snapshot asked for elsewhere is built where the connector is, from the stored session', async () => {
    const alice = c.signIn(ALICE, ENGINEER);
    // Her connector is on another instance: a SCIM reactivation here can only publish.
    emitScimUser(c, c.acme.id, ALICE, {
      active: true,
      previousActive: false,
    });
    expect(published).toHaveLength(1);
    const connector = await c.connect(alice);
    // Signed out meanwhile: the instance that sends the snapshot reads the session then.
    c.services.sessions.signOut(alice);
    fromPeers(published[0]!);
    expect(await connector.next('snapshot')).toMatchObject({
      session: { id: alice.id, terminated: { code: CODES.SESSION_REVOKED } },
    });
  });
});
