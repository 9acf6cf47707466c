import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { isoTime, type Clock } from '../clock/clock.js';
import type { IdpService } from '../idp-config/idp-service.js';
import type { CloudEvents } from '../events.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { Store, StoredSession } from '../store/types.js';
import { AuthError } from './auth-error.js';
import type {
  ConnectorSessionView,
  IssuedSession,
  LoginCompleter,
  PendingLogin,
  VerifiedIdentity,
} from './types.js';
import { CODES } from '../../../shared/errors/codes.js';

/** A one-time code lives as long as a browser redirect needs, no longer. */
const CODE_TTL_MS = 2 * 60_000;

interface CodeDoc {
  identity: VerifiedIdentity;
  deviceId: string;
  codeChallenge: string;
}

/** S256 as in RFC 7636: base64url(SHA-256(verifier)). */
export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * Connector sessions: what a verified sign-in yields. After SCIM Sync is enabled for the IdP,
 * sign-in looks the user up in the SCIM database, and an absent or inactive user gets a session
 * marked so that app access is refused with BRK_MT_SETUP_FAIL_SCIM_INACTIVE.
 */
export class SessionService implements LoginCompleter {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly idps: IdpService,
    private readonly events?: CloudEvents,
  ) {}

  createSession(identity: VerifiedIdentity, deviceId: string): IssuedSession {
    const idp = this.idps.stored(identity.idpId)?.config;
    if (!idp)
      throw new AuthError(
        CODES.IDP_CONFIG_INCOMPLETE,
        'The identity provider configuration no longer exists.',
      );
    if (!idp.enabled)
      throw new AuthError(CODES.IDP_DISABLED, `The identity provider "${idp.name}" is disabled.`);
    const token = newToken();
    const now = this.clock.now();
    const stored: StoredSession = {
      id: randomUUID(),
      tokenHash: hashToken(token),
      idpId: identity.idpId,
      userName: identity.userName,
      deviceId,
      createdAt: now,
      revokedAt: null,
      doc: {
        protocol: identity.protocol,
        attributes: identity.attributes,
        authTime: identity.authTime,
        scimStatus: this.scimStatusOf(identity.idpId, identity.userName),
      },
    };
    this.store.auth.insertSession(stored);
    this.events?.emit('session.created', {
      sessionId: stored.id,
      idpId: stored.idpId,
      userName: stored.userName,
      deviceId,
    });
    return { sessionToken: token, session: this.view(stored) };
  }

  redirectWithCode(identity: VerifiedIdentity, pending: PendingLogin): string {
    // The IdP must sign in the user the connector enrolled (ZPA 42000 otherwise).
    if (identity.userName.toLowerCase() !== pending.username.toLowerCase()) {
      return this.redirectWithError(pending, {
        code: CODES.INCONSISTENT_CREDENTIALS,
        message: `The identity provider signed in ${identity.userName}, but this device is enrolling ${pending.username}. Use your original username, or log out and retry.`,
      });
    }
    const code = newToken();
    const doc: CodeDoc = {
      identity,
      deviceId: pending.deviceId,
      codeChallenge: pending.codeChallenge,
    };
    this.store.auth.putLoginCode(hashToken(code), this.clock.now() + CODE_TTL_MS, doc);
    const url = new URL(pending.redirectUri);
    url.searchParams.set('code', code);
    url.searchParams.set('state', pending.state);
    return url.toString();
  }

  redirectWithError(pending: PendingLogin, error: { code: string; message: string }): string {
    this.events?.emit('signIn.failed', { idpId: null, userName: pending.username, ...error });
    const url = new URL(pending.redirectUri);
    url.searchParams.set('error', error.code);
    url.searchParams.set('error_description', error.message);
    url.searchParams.set('state', pending.state);
    return url.toString();
  }

  /** Trades a one-time code (plus the verifier of its challenge) for a session. */
  exchangeCode(code: string, codeVerifier: string): IssuedSession {
    const entry = this.store.auth.takeLoginCode(hashToken(code));
    if (!entry || entry.expiresAt < this.clock.now()) {
      throw new AuthError(
        CODES.SIGN_IN_EXPIRED,
        'The sign-in took too long or was already used. Authenticate again.',
        400,
      );
    }
    const doc = entry.doc as CodeDoc;
    const expected = Buffer.from(doc.codeChallenge);
    const actual = Buffer.from(s256(codeVerifier));
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw new AuthError(
        CODES.SIGN_IN_EXPIRED,
        'The sign-in was not started by this client. Authenticate again.',
        400,
      );
    }
    return this.createSession(doc.identity, doc.deviceId);
  }

  /** The live session of a bearer token, or a 401. */
  authenticate(token: string | undefined): StoredSession {
    const session = token ? this.store.auth.sessionByTokenHash(hashToken(token)) : undefined;
    if (!session || session.revokedAt !== null) {
      throw new AuthError(CODES.SESSION_INVALID, 'Not signed in, or the session was revoked.', 401);
    }
    return session;
  }

  signOut(session: StoredSession): void {
    this.store.auth.updateSession({ ...session, revokedAt: this.clock.now() });
  }

  view(s: StoredSession): ConnectorSessionView {
    const doc = s.doc as {
      protocol: ConnectorSessionView['protocol'];
      attributes: Record<string, string[]>;
      authTime: number;
      scimStatus: ConnectorSessionView['scimStatus'];
    };
    return {
      id: s.id,
      idpId: s.idpId,
      idpName: this.idps.stored(s.idpId)?.config.name ?? '(deleted IdP)',
      protocol: doc.protocol,
      userName: s.userName,
      deviceId: s.deviceId,
      attributes: doc.attributes,
      authTime: isoTime(doc.authTime),
      createdAt: isoTime(s.createdAt),
      scimStatus: doc.scimStatus,
    };
  }

  /** The SCIM check: is the user in the IdP's SCIM database, and active (while SCIM Sync is on)? */
  scimStatusOf(idpId: string, userName: string): ConnectorSessionView['scimStatus'] {
    if (!this.idps.stored(idpId)?.config.scimSyncEnabled) return 'not_applicable';
    const user = this.store.scim.findByName('User', idpId, userName)[0];
    if (!user) return 'absent';
    return user.active ? 'active' : 'inactive';
  }
}
