/**
 * What the broker does when something happens in the cloud: SCIM deprovisioning and renames,
 * IdP changes, a newer sign-in on the device, policy changes and the clock. Each case checks
 * what the connector is pushed, what happens to its app connections and to the stored session.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODES } from '../../../shared/errors/codes.js';
import type { StoredSession } from '../../../electron/cloud/store/types.js';
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

let c: TestCloud;

beforeEach(async () => {
  c = await startTestCloud();
});
afterEach(async () => {
  await c.stop();
});

/** alice signed in, with a git connection open and her connector on the push channel. */
async function aliceWorking() {
  const alice = c.signIn(ALICE, ENGINEER);
  const connection = c.services.broker.open(alice, 'git.acme.example', 443).connection!;
  const connector = await c.connect(alice);
  return { alice, connection, connector };
}

const types = (connector: Connector) => connector.messages.map((m) => m.type);
const openConnections = (s: StoredSession) =>
  c.services.broker.connections.list(`${s.idpId}|${s.userName.toLowerCase()}|${s.deviceId}`);
const scimUser = (change: Record<string, unknown>) => emitScimUser(c, c.acme.id, ALICE, change);

describe('SCIM user changes', () => {
  it('a deactivation closes the connections and tells the connector why', async () => {
    const { alice, connection, connector } = await aliceWorking();
    scimUser({ active: false, previousActive: true });
    expect(await connector.next('scimUserDisabled')).toMatchObject({
      code: CODES.ZPN_ERR_SCIM_INACTIVE,
      reason: 'User termination request received from SCIM.',
    });
    expect(await connector.next('connectionClosed')).toMatchObject({
      connection: {
        id: connection.id,
        closedCode: CODES.MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE,
      },
    });
    await connector.next('snapshot');
    expect(types(connector)).toEqual([
      'snapshot',
      'scimUserDisabled',
      'connectionClosed',
      'snapshot',
    ]);
    expect(openConnections(alice)).toEqual([]);
  });

  it('a deletion does the same; a user already inactive is not disabled again', async () => {
    const { alice, connector } = await aliceWorking();
    scimUser({ change: 'updated', active: false, previousActive: false });
    await connector.next('snapshot');
    expect(openConnections(alice)).toHaveLength(1);
    scimUser({ change: 'deleted', active: undefined, previousActive: undefined });
    await connector.next('scimUserDisabled');
    expect(openConnections(alice)).toEqual([]);
  });

  it('a creation or reactivation sends a fresh snapshot only; a group change nothing', async () => {
    const { alice, connector } = await aliceWorking();
    scimUser({ change: 'created', active: true });
    scimUser({ active: true, previousActive: false });
    c.services.events.emit('scim.changed', {
      idpId: c.acme.id,
      resourceType: 'Group',
      id: 'g',
      change: 'deleted',
      name: ALICE,
    });
    await settle(connector);
    expect(types(connector)).toEqual(['snapshot', 'snapshot', 'snapshot']);
    expect(openConnections(alice)).toHaveLength(1);
  });

  it("touches only that user's live sessions on that IdP", async () => {
    const { connector } = await aliceWorking();
    const dave = c.signIn('dave@acme.example', ENGINEER);
    c.services.broker.open(dave, 'git.acme.example', 443);
    const daves = await c.connect(dave);
    c.services.events.emit('scim.changed', {
      idpId: c.globex.id,
      resourceType: 'User',
      id: 'x',
      change: 'deleted',
      name: ALICE,
    });
    scimUser({ active: false, previousActive: true });
    await connector.next('scimUserDisabled');
    await settle(daves);
    expect(types(daves)).toEqual(['snapshot']);
    expect(openConnections(dave)).toHaveLength(1);
  });

  it('a username change ends the session (the case of the name does not count)', async () => {
    const { alice, connection, connector } = await aliceWorking();
    scimUser({ name: 'ALICE@acme.example', previousName: ALICE });
    await connector.next('snapshot');
    expect(c.services.broker.live(c.stored(alice.id)).terminated).toBeNull();

    c.clock.advance(1000);
    await settle(connector);
    connector.messages.length = 0;
    scimUser({ name: 'alice.anders@acme.example', previousName: ALICE });
    expect(await connector.next('scimUsernameChanged')).toMatchObject({
      code: CODES.SCIM_USERNAME_CHANGED,
      from: ALICE,
      to: 'alice.anders@acme.example',
    });
    expect(await connector.next('connectionClosed')).toMatchObject({
      connection: { id: connection.id, closedCode: CODES.SCIM_USERNAME_CHANGED },
    });
    expect(c.services.broker.live(c.stored(alice.id)).terminated).toEqual({
      code: CODES.SCIM_USERNAME_CHANGED,
      reason: `Your username changed from ${ALICE} to alice.anders@acme.example. Log out and sign in again.`,
      at: new Date(T0 + 1000).toISOString(),
    });
    await settle(connector);
    expect(types(connector)).toEqual(['scimUsernameChanged', 'connectionClosed']);
  });

  it('a profile update asks for reauthentication when the IdP says so', async () => {
    const { alice, connector } = await aliceWorking();
    scimUser({ active: true, previousActive: true, attributesChanged: true });
    await connector.next('snapshot');
    expect(c.stored(alice.id).doc).not.toHaveProperty('reauthRequired');

    c.services.idps.update(c.acme.id, { reauthOnUserUpdate: true });
    scimUser({ active: true, previousActive: true, attributesChanged: true });
    expect(await connector.next('reauthRequired')).toMatchObject({
      reason: 'user_updated',
      apps: [],
    });
    expect(openConnections(alice)).toHaveLength(1);
    // an update of the active flag alone is no profile update
    const dave = c.signIn('dave@acme.example', ENGINEER);
    c.services.events.emit('scim.changed', {
      idpId: c.acme.id,
      resourceType: 'User',
      id: 'd',
      change: 'updated',
      name: 'dave@acme.example',
      active: true,
      previousActive: true,
    });
    expect(c.services.broker.live(c.stored(dave.id)).reauthRequired).toBeNull();
  });
});

describe('IdP changes', () => {
  it('enabling SCIM attributes for policy asks the sessions from before to reauthenticate', async () => {
    const { alice, connector } = await aliceWorking();
    c.clock.advance(1000);
    c.services.idps.update(c.acme.id, { scimSyncEnabled: true });
    c.services.idps.update(c.acme.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
    expect(await connector.next('reauthRequired')).toMatchObject({
      reason: 'scim_policy_enabled',
    });
    expect(c.services.broker.live(c.stored(alice.id)).reauthRequired).toEqual({
      reason: 'scim_policy_enabled',
      since: new Date(T0 + 1000).toISOString(),
      apps: [],
    });
    // a session from after, and a second enablement, are not asked
    const dave = c.signIn('dave@acme.example', ENGINEER);
    c.services.idps.update(c.acme.id, { scimAttributesForPolicy: false });
    c.services.idps.update(c.acme.id, { scimAttributesForPolicy: true });
    expect(c.services.broker.live(c.stored(dave.id)).reauthRequired).toBeNull();
    expect(openConnections(alice)).toHaveLength(1);
  });

  it('a certificate rotation asks for reauthentication, and outranks a pending timeout', async () => {
    const { alice, connector } = await aliceWorking();
    c.clock.advance(8 * HOUR + 1000);
    expect(await connector.next('reauthRequired')).toMatchObject({ reason: 'timeout' });
    c.services.events.emit('idp.certificateRotated', { idpId: c.acme.id });
    await connector.next('certificateRotated');
    expect(await connector.next('reauthRequired')).toMatchObject({
      reason: 'certificate_rotated',
    });
    expect(c.services.broker.live(c.stored(alice.id)).reauthRequired).toMatchObject({
      reason: 'certificate_rotated',
    });
    // once: a second rotation does not ask again
    connector.messages.length = 0;
    c.services.events.emit('idp.certificateRotated', { idpId: c.acme.id });
    await settle(connector);
    expect(types(connector)).toEqual([]);
    expect(openConnections(alice)).toHaveLength(1);
  });

  it('a pending reauthentication is not replaced by another reason', async () => {
    const { alice, connector } = await aliceWorking();
    c.services.events.emit('idp.certificateRotated', { idpId: c.acme.id });
    await connector.next('reauthRequired');
    c.services.idps.update(c.acme.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
    await settle(connector);
    expect(types(connector)).toEqual(['snapshot', 'certificateRotated', 'reauthRequired']);
    expect(c.services.broker.live(c.stored(alice.id)).reauthRequired?.reason).toBe(
      'certificate_rotated',
    );
  });

  it('a replaced IdP with the same NameID is a certificate change', async () => {
    const { connector } = await aliceWorking();
    c.services.events.emit('idp.replaced', { idpId: c.acme.id, nameIdChanged: false });
    expect(await connector.next('reauthRequired')).toMatchObject({
      reason: 'certificate_rotated',
    });
  });

  it('a replaced IdP with another NameID ends the live sessions, once', async () => {
    const { alice, connection, connector } = await aliceWorking();
    const signedOut = c.signIn('dave@acme.example', ENGINEER);
    c.services.sessions.signOut(signedOut);
    c.services.events.emit('idp.replaced', { idpId: c.acme.id, nameIdChanged: true });
    const reason = 'Your identity provider changed. Log out and sign in again.';
    expect(await connector.next('idpNameIdChanged')).toMatchObject({
      code: CODES.IDP_NAMEID_CHANGED,
      reason,
    });
    expect(await connector.next('connectionClosed')).toMatchObject({
      connection: { id: connection.id, closedCode: CODES.IDP_NAMEID_CHANGED },
    });
    expect(c.services.broker.live(c.stored(alice.id)).terminated).toMatchObject({
      code: CODES.IDP_NAMEID_CHANGED,
      reason,
    });
    expect(c.services.broker.live(c.stored(signedOut.id)).terminated?.code).toBe(
      CODES.SESSION_REVOKED,
    );
    c.services.events.emit('idp.replaced', { idpId: c.acme.id, nameIdChanged: true });
    c.services.events.emit('idp.certificateRotated', { idpId: c.acme.id });
    await settle(connector);
    expect(types(connector)).toEqual(['snapshot', 'idpNameIdChanged', 'connectionClosed']);
  });
});

describe('a newer sign-in on the same device', () => {
  it('supersedes the older session; its connections carry over', async () => {
    const { alice, connection, connector } = await aliceWorking();
    const otherDevice = c.signIn(ALICE, { ...ENGINEER, deviceId: 'device-2' });
    c.clock.advance(1000);
    const newer = c.signIn(ALICE, ENGINEER);
    expect(await connector.next('sessionRevoked')).toMatchObject({
      code: CODES.SESSION_SUPERSEDED,
      reason: 'Replaced by a newer sign-in on this device.',
    });
    expect(await connector.closed).toEqual({ code: 4002, reason: 'superseded' });
    expect(c.stored(alice.id).revokedAt).toBe(T0 + 1000);
    expect(c.stored(newer.id).revokedAt).toBeNull();
    expect(c.stored(otherDevice.id).revokedAt).toBeNull();
    expect(openConnections(newer).map((x) => x.id)).toEqual([connection.id]);
  });
});

describe('policy changes and the clock', () => {
  it('a policy change is pushed to every connected connector', async () => {
    const { connector } = await aliceWorking();
    c.services.events.emit('policy.changed', { version: 42 });
    expect(await connector.next('policyChanged')).toMatchObject({ version: 42 });
  });

  it('a clock change sends a fresh snapshot and the stats of open connections', async () => {
    const { connector } = await aliceWorking();
    c.clock.advance(1000);
    const snapshot = await connector.next('snapshot');
    expect(snapshot).toMatchObject({ at: new Date(T0 + 1000).toISOString() });
    const stats = await connector.next('stats');
    expect(stats).toMatchObject({ connections: [{ app: 'git.acme.example', state: 'open' }] });
  });

  it('a connector without connections gets no stats; a revoked one nothing', async () => {
    const erin = c.signIn('erin@globex.example', { idp: c.globex });
    const connector = await c.connect(erin);
    c.clock.advance(1000);
    await connector.next('snapshot');
    await settle(connector);
    expect(types(connector)).toEqual(['snapshot', 'snapshot']);

    const { alice, connector: alices } = await aliceWorking();
    c.services.sessions.signOut(alice);
    c.clock.advance(1000);
    await alices.next('snapshot');
    await settle(alices);
    expect(types(alices)).toEqual(['snapshot', 'snapshot']);
  });

  it('an idle timeout closes the connection and tells the connector', async () => {
    const carol = c.signIn('carol@acme.example', { department: 'Finance' });
    const payroll = c.services.broker.open(carol, 'payroll.acme.example', 443).connection!;
    const connector = await c.connect(carol);
    c.clock.advance(HOUR);
    await connector.next('snapshot');
    expect(openConnections(carol)).toHaveLength(1);
    c.clock.advance(1);
    expect(await connector.next('connectionClosed')).toMatchObject({
      connection: { id: payroll.id, closedCode: CODES.BRK_MT_TERMINATED_IDLE_TIMEOUT },
    });
    expect(openConnections(carol)).toEqual([]);
  });

  it('a passed authentication timeout is pushed once', async () => {
    const { alice, connector } = await aliceWorking();
    c.clock.advance(8 * HOUR + 1000);
    expect(await connector.next('reauthRequired')).toEqual(
      expect.objectContaining({
        reason: 'timeout',
        apps: ['git.acme.example', '*.dev.acme.example'],
      }),
    );
    expect(c.stored(alice.id).doc).toMatchObject({ reauthRequired: { reason: 'timeout' } });
    c.clock.advance(1000);
    await connector.next('snapshot');
    await connector.next('snapshot');
    await settle(connector);
    expect(types(connector).filter((t) => t === 'reauthRequired')).toHaveLength(1);
  });

  it('stop ends the listening and the push channels', async () => {
    const { connector } = await aliceWorking();
    c.services.broker.stop();
    c.services.events.emit('policy.changed', { version: 43 });
    await connector.closed;
    expect(types(connector)).toEqual(['snapshot']);
  });
});

describe('what each connector is told, and only that one', () => {
  it("an idle close goes to its owner's connector only", async () => {
    const { connector: alices } = await aliceWorking();
    const carol = c.signIn('carol@acme.example', { department: 'Finance' });
    const payroll = c.services.broker.open(carol, 'payroll.acme.example', 443).connection!;
    const carols = await c.connect(carol);
    c.clock.advance(HOUR + 1);
    expect(await carols.next('connectionClosed')).toMatchObject({
      connection: { id: payroll.id },
    });
    await settle(alices);
    expect(
      alices.messages.flatMap((m) => (m.type === 'connectionClosed' ? [m.connection.id] : [])),
    ).not.toContain(payroll.id);
  });

  it('stats stop a minute after the last use of an app, while others still get theirs', async () => {
    const { connector: alices } = await aliceWorking();
    c.clock.advance(2 * 60_000);
    const dave = c.signIn('dave@acme.example', ENGINEER);
    c.services.broker.open(dave, 'git.acme.example', 443);
    const daves = await c.connect(dave);
    c.clock.advance(1000);
    await daves.next('stats');
    await settle(alices);
    expect(types(alices)).toEqual(['snapshot', 'snapshot', 'snapshot']);
  });

  it('a newer sign-in leaves an already signed-out session as it ended', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    c.services.sessions.signOut(alice);
    c.clock.advance(1000);
    c.signIn(ALICE, ENGINEER);
    expect(c.stored(alice.id).revokedAt).toBe(T0);
  });

  it("the user's connections carry over to a sign-in that spells the name in another case", () => {
    const alice = c.signIn('Alice@acme.example', ENGINEER);
    const connection = c.services.broker.open(alice, 'git.acme.example', 443).connection!;
    const newer = c.signIn(ALICE, ENGINEER);
    expect(c.services.broker.snapshot(c.stored(newer.id)).connections.map((x) => x.id)).toEqual([
      connection.id,
    ]);
  });
});
