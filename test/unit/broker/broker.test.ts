/**
 * The broker over the real cloud services (harness.ts): app access through the seeded policies,
 * the session as the connector sees it, and what each cloud event does to the signed-in
 * connectors (pushes, closed app connections, ended sessions).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../electron/cloud/auth/auth-error.js';
import { CODES } from '../../../shared/errors/codes.js';
import { ALICE, ENGINEER, HOUR, startTestCloud, T0, type TestCloud } from './harness.js';

const iso = (ms: number) => new Date(ms).toISOString();
let c: TestCloud;

beforeEach(async () => {
  c = await startTestCloud();
});
afterEach(async () => {
  await c.stop();
});

describe('open and close', () => {
  it('an allowed app opens a connection that is logged with its code', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    const { decision, connection } = c.services.broker.open(alice, 'git.acme.example', 443);
    expect(decision.outcome).toBe('allowed');
    expect(connection).toMatchObject({ app: 'git.acme.example', port: 443, state: 'open' });
    expect(c.services.broker.connections.list(`${c.acme.id}|${ALICE}|device-1`)).toEqual([
      connection,
    ]);
    const [view] = c.services.broker.sessionsView();
    expect(view!.connectionLog).toEqual([
      {
        at: iso(T0),
        app: 'git.acme.example',
        port: 443,
        event: 'opened',
        code: CODES.OPEN_OR_ACTIVE_CONNECTION,
        connectionId: connection!.id,
      },
    ]);
  });

  it('a refused app is logged as a failed setup for that app only; a bypassed one not at all', () => {
    const bob = c.signIn('bob@acme.example', { department: 'Sales' });
    const intranet = c.services.broker.open(bob, 'intranet.acme.example', 443).connection!;
    const refused = c.services.broker.open(bob, 'git.acme.example', 443);
    expect(refused).toMatchObject({
      decision: { outcome: 'blocked', code: CODES.BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY },
      connection: null,
    });
    expect(c.services.broker.open(bob, 'status.acme.example', 443)).toMatchObject({
      decision: { outcome: 'bypassed' },
      connection: null,
    });
    const [view] = c.services.broker.sessionsView();
    expect(view!.connections).toBe(1);
    expect(view!.connectionLog.map((l) => [l.app, l.event, l.code, l.connectionId])).toEqual([
      ['intranet.acme.example', 'opened', CODES.OPEN_OR_ACTIVE_CONNECTION, intranet.id],
      ['git.acme.example', 'setup_failed', CODES.BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY, null],
    ]);
  });

  it('an ended session opens nothing: 409 with the code it ended with', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    c.services.broker.revoke(alice.id);
    let caught: unknown;
    try {
      c.services.broker.open(c.stored(alice.id), 'git.acme.example', 443);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AuthError);
    expect(caught).toMatchObject({ code: CODES.SESSION_REVOKED, status: 409 });
  });

  it("closes the user's own connection only", () => {
    const alice = c.signIn(ALICE, ENGINEER);
    const dave = c.signIn('dave@acme.example', ENGINEER);
    const id = c.services.broker.open(alice, 'git.acme.example', 443).connection!.id;
    expect(c.services.broker.close(dave, id)).toBeUndefined();
    expect(c.services.broker.close(alice, id)).toMatchObject({
      id,
      state: 'closed',
      closedCode: CODES.BRK_MT_CLOSED_FROM_CLIENT,
    });
    expect(c.services.broker.close(alice, id)).toBeUndefined();
  });
});

describe('the session as the connector sees it', () => {
  it('carries the IdP vendor, SCIM status and the earliest authentication timeout', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    expect(c.services.broker.live(alice)).toMatchObject({
      idpVendor: 'okta',
      scimStatus: 'not_applicable',
      scimReady: true,
      reauthRequired: null,
      terminated: null,
      expiresAt: iso(T0 + 8 * HOUR),
    });
    const globex = c.signIn('erin@globex.example', { idp: c.globex });
    expect(c.services.broker.live(globex)).toMatchObject({
      idpVendor: 'generic',
      expiresAt: iso(T0 + 7 * 24 * HOUR),
    });
    // Finance has the payroll rule (24 h) only; engineering apps would ask after 8 h
    const carol = c.signIn('carol@acme.example', { department: 'Finance' });
    expect(c.services.broker.live(carol).expiresAt).toBe(iso(T0 + 24 * HOUR));
  });

  it('shows a passed timeout as reauthentication required, with the apps it concerns', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    // Valid until 8 h, 8 h included, as the policy engine decides the apps.
    c.clock.advance(8 * HOUR);
    expect(c.services.broker.live(c.stored(alice.id)).reauthRequired).toBeNull();
    c.clock.advance(1);
    expect(c.services.broker.live(c.stored(alice.id)).reauthRequired).toEqual({
      reason: 'timeout',
      since: iso(T0 + 8 * HOUR),
      apps: ['git.acme.example', '*.dev.acme.example'],
    });
  });

  it('a session whose IdP was deleted has no vendor', () => {
    const erin = c.signIn('erin@globex.example', { idp: c.globex });
    c.services.idps.remove(c.globex.id);
    expect(c.services.broker.live(erin)).not.toHaveProperty('idpVendor');
  });

  it('a signed-out session shows as ended by the sign-out', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    c.clock.advance(5000);
    c.services.sessions.signOut(alice);
    expect(c.services.broker.live(c.stored(alice.id)).terminated).toEqual({
      code: CODES.SESSION_REVOKED,
      reason: 'Signed out.',
      at: iso(T0 + 5000),
    });
    // and no timeout is reported for it any more
    c.clock.advance(9 * HOUR);
    expect(c.services.broker.live(c.stored(alice.id)).reauthRequired).toBeNull();
  });

  it('is not SCIM-ready when it began before SCIM attributes for policy were enabled', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    c.clock.advance(1000);
    c.services.idps.update(c.acme.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
    expect(c.services.broker.live(c.stored(alice.id)).scimReady).toBe(false);
    const later = c.signIn('dave@acme.example', ENGINEER);
    expect(c.services.broker.live(later).scimReady).toBe(true);
  });

  it('the snapshot has the session, its connections and the policy version', () => {
    const alice = c.signIn(ALICE, ENGINEER);
    const opened = c.services.broker.open(alice, 'git.acme.example', 443).connection;
    expect(c.services.broker.snapshot(alice)).toEqual({
      type: 'snapshot',
      session: c.services.broker.live(alice),
      connections: [opened],
      policyVersion: c.services.broker.access.version(),
    });
  });

  it("the admin's list: connected or not, connection count, per IdP", async () => {
    const alice = c.signIn(ALICE, ENGINEER);
    const erin = c.signIn('erin@globex.example', { idp: c.globex });
    c.services.broker.open(alice, 'git.acme.example', 443);
    c.services.broker.open(alice, 'intranet.acme.example', 443);
    await c.connect(alice);
    const views = c.services.broker.sessionsView();
    expect(views.map((v) => [v.userName, v.connected, v.connections])).toEqual([
      [ALICE, true, 2],
      ['erin@globex.example', false, 0],
    ]);
    expect(c.services.broker.sessionsView(c.globex.id).map((v) => v.id)).toEqual([erin.id]);
  });
});

describe('revoke', () => {
  it('ends the session, closes its connections and tells the connector, once', async () => {
    const alice = c.signIn(ALICE, ENGINEER);
    const conn = c.services.broker.open(alice, 'git.acme.example', 443).connection!;
    const connector = await c.connect(alice);
    c.clock.advance(1000);
    expect(c.services.broker.revoke(alice.id)).toBe(true);
    const reason = 'Your session was revoked by your administrator. Sign in again.';
    expect(await connector.next('sessionRevoked')).toMatchObject({
      code: CODES.SESSION_REVOKED,
      reason,
    });
    expect(await connector.next('connectionClosed')).toMatchObject({
      connection: { id: conn.id, state: 'closed', closedCode: CODES.SESSION_REVOKED },
    });
    expect(await connector.closed).toEqual({ code: 4003, reason: 'revoked' });
    const stored = c.stored(alice.id);
    expect(stored.revokedAt).toBe(T0 + 1000);
    expect(c.services.broker.live(stored).terminated).toEqual({
      code: CODES.SESSION_REVOKED,
      reason,
      at: iso(T0 + 1000),
    });
    expect(c.services.broker.revoke(alice.id)).toBe(false);
    expect(c.services.broker.revoke('no-such-session')).toBe(false);
  });
});
