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

  it('announce each new session to the broker', () => {
    const events = new CloudEvents();
    const created: unknown[] = [];
    events.on('session.created', (e) => created.push(e));
    const issued = new SessionService(store, clock, idps, events).createSession(identity, 'd-9');
    expect(created).toEqual([
      {
        sessionId: issued.session.id,
        idpId: identity.idpId,
        userName: 'alice@acme.example',
        deviceId: 'd-9',
      },
    ]);
  });

  it('refuse a sign-in through a deleted IdP with 42043, and still show its sessions', () => {
    const issued = sessions.createSession(identity, 'd');
    idps.remove(identity.idpId);
    expect(() => sessions.createSession(identity, 'd')).toThrow(
      expect.objectContaining({
        code: '42043',
        message: 'The identity provider configuration no longer exists.',
      }),
    );
    expect(sessions.view(sessions.authenticate(issued.sessionToken)).idpName).toBe('(deleted IdP)');
    expect(sessions.scimStatusOf(identity.idpId, 'alice@acme.example')).toBe('not_applicable');
  });

  it('compute the S256 challenge of RFC 7636 (appendix B)', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('redirect with the code and state, or with the error, to the connector', () => {
    const pending = {
      username: 'ALICE@acme.example',
      deviceId: 'd',
      redirectUri: 'http://127.0.0.1:1/cb',
      state: 'state-123',
      codeChallenge: s256('v'.repeat(43)),
    };
    const ok = new URL(sessions.redirectWithCode(identity, pending));
    expect(`${ok.origin}${ok.pathname}`).toBe('http://127.0.0.1:1/cb');
    expect(ok.searchParams.get('code')).toMatch(/^\S{20,}$/);
    expect(ok.searchParams.get('state')).toBe('state-123');
    expect(ok.searchParams.get('error')).toBeNull();

    // The IdP signed in someone else than the user the device enrolls: ZPA 42000, no code.
    const other = new URL(
      sessions.redirectWithCode({ ...identity, userName: 'bob@acme.example' }, pending),
    );
    expect(`${other.origin}${other.pathname}`).toBe('http://127.0.0.1:1/cb');
    expect(other.searchParams.get('code')).toBeNull();
    expect(other.searchParams.get('error')).toBe('42000');
    expect(other.searchParams.get('error_description')).toBe(
      'The identity provider signed in bob@acme.example, but this device is enrolling ALICE@acme.example. Use your original username, or log out and retry.',
    );
    expect(other.searchParams.get('state')).toBe('state-123');
  });

  it('keep a one-time code for exactly two minutes', () => {
    const verifier = 'v'.repeat(43);
    const pending = {
      username: 'alice@acme.example',
      deviceId: 'd',
      redirectUri: 'http://127.0.0.1:1/cb',
      state: 's',
      codeChallenge: s256(verifier),
    };
    const code = () =>
      new URL(sessions.redirectWithCode(identity, pending)).searchParams.get('code')!;
    const inTime = code();
    clock.advance(120_000);
    expect(sessions.exchangeCode(inTime, verifier).session.userName).toBe('alice@acme.example');
    const late = code();
    clock.advance(120_001);
    expect(() => sessions.exchangeCode(late, verifier)).toThrow(
      expect.objectContaining({
        code: '2008',
        status: 400,
        message: 'The sign-in took too long or was already used. Authenticate again.',
      }),
    );
  });

  it('refuse a verifier that does not match, whatever the length of the challenge', () => {
    for (const codeChallenge of [s256('v'.repeat(43)), 'short-challenge']) {
      const pending = {
        username: 'alice@acme.example',
        deviceId: 'd',
        redirectUri: 'http://127.0.0.1:1/cb',
        state: 's',
        codeChallenge,
      };
      const code = new URL(sessions.redirectWithCode(identity, pending)).searchParams.get('code')!;
      expect(() => sessions.exchangeCode(code, 'w'.repeat(43))).toThrow(
        expect.objectContaining({
          code: '2008',
          status: 400,
          message: 'The sign-in was not started by this client. Authenticate again.',
        }),
      );
    }
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
    for (const token of [issued.sessionToken, undefined, 'unknown-token']) {
      expect(() => sessions.authenticate(token)).toThrow(
        expect.objectContaining({
          code: 'SESSION_INVALID',
          status: 401,
          message: 'Not signed in, or the session was revoked.',
        }),
      );
    }
  });

  it('refuse sign-in through a disabled IdP with 42042', () => {
    idps.update(identity.idpId, { enabled: false });
    expect(() => sessions.createSession(identity, 'd')).toThrow(
      expect.objectContaining({
        code: '42042',
        message: 'The identity provider "Okta" is disabled.',
      }),
    );
  });
});

describe('a refused sign-in', () => {
  it('goes back to the connector with its code, and to the timeline as signIn.failed', () => {
    const events = new CloudEvents();
    const seen: unknown[] = [];
    events.on('signIn.failed', (e) => seen.push(e));
    const withEvents = new SessionService(store, clock, idps, events);
    const pending = {
      username: 'alice@acme.example',
      deviceId: 'device-1',
      redirectUri: 'http://127.0.0.1:7000/callback',
      state: 'st-1',
      codeChallenge: s256('verifier'),
    };
    const url = new URL(withEvents.redirectWithError(pending, { code: '42020', message: 'No.' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      error: '42020',
      error_description: 'No.',
      state: 'st-1',
    });
    expect(seen).toEqual([
      { idpId: null, userName: 'alice@acme.example', code: '42020', message: 'No.' },
    ]);
  });
});
