import { beforeEach, describe, expect, it } from 'vitest';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { AuthError } from '../../../electron/cloud/auth/auth-error.js';
import { s256, SessionService } from '../../../electron/cloud/auth/sessions.js';
import type { VerifiedIdentity } from '../../../electron/cloud/auth/types.js';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';

let store: Store;
let clock: SimulatedClock;
let idps: IdpService;
let sessions: SessionService;
let identity: VerifiedIdentity;

beforeEach(() => {
  store = openSqliteStore(':memory:');
  clock = new SimulatedClock(() => Date.parse('2026-01-01T00:00:00Z'));
  idps = new IdpService(store, clock, new CloudEvents(), () => 'http://x');
  sessions = new SessionService(store, clock, idps);
  const idp = idps.create({
    name: 'Okta',
    protocol: 'saml',
    vendor: 'okta',
    domains: ['acme.example'],
  });
  identity = {
    idpId: idp.id,
    protocol: 'saml',
    userName: 'alice@acme.example',
    attributes: { groups: ['Engineering'] },
    authTime: clock.now(),
  };
});

const addScimUser = (active: boolean) =>
  store.scim.insert('User', identity.idpId, {
    id: 'u1',
    name: 'Alice@acme.example',
    externalId: null,
    active,
    version: 1,
    created: 0,
    lastModified: 0,
    attributes: { userName: 'Alice@acme.example' },
  });

describe('connector sessions', () => {
  it('issue a session whose token is stored only as a hash', () => {
    const issued = sessions.createSession(identity, 'device-1');
    expect(issued.session).toMatchObject({
      userName: 'alice@acme.example',
      deviceId: 'device-1',
      scimStatus: 'not_applicable',
      idpName: 'Okta',
    });
    expect(JSON.stringify(store.auth.sessions())).not.toContain(issued.sessionToken);
    expect(sessions.authenticate(issued.sessionToken).id).toBe(issued.session.id);
  });

  it('look the user up in the SCIM database once SCIM Sync is on', () => {
    idps.update(identity.idpId, { scimSyncEnabled: true });
    expect(sessions.createSession(identity, 'd').session.scimStatus).toBe('absent');
    addScimUser(false);
    expect(sessions.createSession(identity, 'd').session.scimStatus).toBe('inactive');
    store.scim.update('User', identity.idpId, {
      ...store.scim.get('User', identity.idpId, 'u1')!,
      active: true,
    });
    expect(sessions.createSession(identity, 'd').session.scimStatus).toBe('active');
  });

  it('trade a one-time code only with the right verifier, only once, only in time', () => {
    const verifier = 'v'.repeat(43);
    const pending = {
      username: 'alice@acme.example',
      deviceId: 'd',
      redirectUri: 'http://127.0.0.1:1/cb',
      state: 'state-123',
      codeChallenge: s256(verifier),
    };
    const code = () =>
      new URL(sessions.redirectWithCode(identity, pending)).searchParams.get('code')!;

    const c1 = code();
    expect(() => sessions.exchangeCode(c1, 'w'.repeat(43))).toThrow(AuthError);
    expect(() => sessions.exchangeCode(c1, verifier)).toThrow(AuthError); // a failed try burns it

    const c2 = code();
    expect(sessions.exchangeCode(c2, verifier).session.userName).toBe('alice@acme.example');
    expect(() => sessions.exchangeCode(c2, verifier)).toThrow(/already used/);

    const c3 = code();
    clock.advance(3 * 60_000);
    expect(() => sessions.exchangeCode(c3, verifier)).toThrow(/too long/);
  });

  it('sign out revokes the token', () => {
    const issued = sessions.createSession(identity, 'd');
    sessions.signOut(sessions.authenticate(issued.sessionToken));
    expect(() => sessions.authenticate(issued.sessionToken)).toThrow(AuthError);
  });

  it('refuse sign-in through a disabled IdP with 42042', () => {
    idps.update(identity.idpId, { enabled: false });
    expect(() => sessions.createSession(identity, 'd')).toThrow(
      expect.objectContaining({ code: '42042' }),
    );
  });
});
