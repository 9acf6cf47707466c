import { skipTurnIfBusy } from '../http/database-busy.js';
import type { IdpService } from '../idp-config/idp-service.js';
import { authenticationExpired } from '../policy/authentication-expiry.js';
import { AuthError } from '../auth/auth-error.js';
import type { SessionService } from '../auth/sessions.js';
import { isoTime, type SimulatedClock } from '../clock/clock.js';
import type { CloudEvents } from '../events.js';
import type { Store, StoredSession } from '../store/types.js';
import type { AccessDecider } from './access.js';
import { AppConnections } from './app-connections.js';
import { FanOut } from './fan-out.js';
import { presenceFor, type SessionPresence } from './presence.js';
import { PushHub } from './push-hub.js';
import type { LiveSession, PushEvent, ReauthReason, SnapshotEvent } from './types.js';
import { CODES } from '../../../shared/errors/codes.js';
import { PUSH_CLOSE_CODES } from '../../../shared/contract/cloud-api/push.js';

/** Each app connection of a user deactivated via SCIM closes with this code... */
const SCIM_CONNECTION_CLOSED = CODES.MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE;
/** ...and the session ends with this one: "User termination request received from SCIM". */
const SCIM_TERMINATED = CODES.ZPN_ERR_SCIM_INACTIVE;
const IDLE_CLOSED = CODES.BRK_MT_TERMINATED_IDLE_TIMEOUT;
/** Authentication timeouts are at least 10 minutes: a check every 15 s is prompt enough. */
const TIMEOUT_CHECK_MS = 15_000;

interface SessionFlags {
  reauthRequired?: LiveSession['reauthRequired'];
  terminated?: LiveSession['terminated'];
}

/**
 * The broker: connector sessions live, app access and app connections, and the push channel.
 * It listens to what happens in the cloud (SCIM deprovisioning, SCIM-for-policy enablement, IdP
 * certificate rotation, policy changes, the clock) and tells the affected connectors at once.
 */
export class Broker {
  readonly hub: PushHub;
  readonly connections: AppConnections;
  /** Delivers to connectors attached here or to another instance on the database. */
  private readonly fanOut: FanOut;
  /** Which connectors are on a push channel, here or on another instance. */
  private readonly presence: SessionPresence;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly timeoutTimer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly clock: SimulatedClock,
    private readonly events: CloudEvents,
    private readonly idps: IdpService,
    private readonly sessions: SessionService,
    readonly access: AccessDecider,
  ) {
    this.hub = new PushHub(clock);
    this.connections = new AppConnections(clock);
    this.presence = presenceFor(store, this.hub);
    this.fanOut = new FanOut({
      hub: this.hub,
      connections: this.connections,
      peers: store.peers,
      session: (id) => store.auth.sessionById(id),
      snapshot: (s) => this.snapshot(s),
      ownerKey,
    });
    this.unsubscribe.push(
      events.on('scim.changed', (e) => {
        if (e.resourceType === 'User') this.onScimUserChanged(e);
      }),
      events.on('idp.changed', (e) => {
        const first =
          e.previous.scimAttributesForPolicyFirstEnabledAt === null &&
          e.idp.scimAttributesForPolicyFirstEnabledAt !== null;
        if (first)
          this.requireReauth(
            e.idp.id,
            'scim_policy_enabled',
            Date.parse(e.idp.scimAttributesForPolicyFirstEnabledAt!),
          );
      }),
      events.on('idp.certificateRotated', (e) =>
        this.requireReauth(e.idpId, 'certificate_rotated'),
      ),
      events.on('idp.replaced', (e) => this.onIdpReplaced(e.idpId, e.nameIdChanged)),
      events.on('session.created', (e) => this.onSessionCreated(e)),
      events.on('policy.changed', (e) =>
        this.fanOut.everyone({ type: 'policyChanged', version: e.version }),
      ),
      clock.onAdvance(() => {
        this.tick();
        this.checkTimeouts();
        // Connectors follow the cloud's clock: a fresh snapshot carries the new time and expiry.
        for (const id of this.hub.connectedSessions()) {
          const s = this.store.auth.sessionById(id);
          if (s) this.hub.send(id, this.snapshot(s));
        }
      }),
    );
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
    this.timeoutTimer = setInterval(
      () => skipTurnIfBusy('Authentication timeout check', () => this.checkTimeouts()),
      TIMEOUT_CHECK_MS,
    );
    this.timeoutTimer.unref();
  }

  /** The session with everything that happened to it since sign-in. */
  live(stored: StoredSession): LiveSession {
    const view = this.sessions.view(stored);
    const flags = stored.doc as SessionFlags;
    const idp = this.idps.stored(stored.idpId)?.config;
    const firstEnabled = idp?.scimAttributesForPolicyFirstEnabledAt;
    const authTime = Date.parse(view.authTime);
    const base: LiveSession = {
      ...view,
      ...(idp ? { idpVendor: idp.vendor } : {}),
      scimStatus: this.sessions.scimStatusOf(stored.idpId, stored.userName),
      scimReady: !firstEnabled || authTime >= Date.parse(firstEnabled),
      reauthRequired: flags.reauthRequired ?? null,
      terminated:
        flags.terminated ??
        (stored.revokedAt !== null
          ? { code: CODES.SESSION_REVOKED, reason: 'Signed out.', at: isoTime(stored.revokedAt) }
          : null),
      expiresAt: null,
    };
    const { expiresAt, expiredApps } = this.timeouts(base);
    // A timeout that passed (even while the connector was away) shows as reauth required.
    const timedOut =
      !base.reauthRequired &&
      !base.terminated &&
      expiresAt !== null &&
      authenticationExpired(expiresAt, this.clock.now())
        ? { reason: 'timeout' as const, since: isoTime(expiresAt), apps: expiredApps }
        : null;
    return {
      ...base,
      expiresAt: expiresAt === null ? null : isoTime(expiresAt),
      reauthRequired: base.reauthRequired ?? timedOut,
    };
  }

  snapshot(stored: StoredSession): SnapshotEvent {
    return {
      type: 'snapshot',
      session: this.live(stored),
      connections: this.connections.list(ownerKey(stored)),
      policyVersion: this.access.version(),
    };
  }

  /** `open <app>`: the policy decides; allowed opens an app connection that stays up. */
  open(stored: StoredSession, fqdn: string, port: number) {
    const session = this.live(stored);
    if (session.terminated)
      throw new AuthError(session.terminated.code, session.terminated.reason, 409);
    const decision = this.access.decide(session, { fqdn, port });
    if (decision.outcome === 'bypassed') return { decision, connection: null };
    if (decision.outcome !== 'allowed') {
      // A refused setup concerns this app only: the user's other connections stay up.
      this.connections.setupFailed(ownerKey(stored), fqdn, port, decision.code);
      return { decision, connection: null };
    }
    const connection = this.connections.open(ownerKey(stored), fqdn, port, decision.idleTimeoutMs);
    return { decision, connection };
  }

  close(stored: StoredSession, connectionId: string) {
    if (this.connections.ownerOf(connectionId) !== ownerKey(stored)) return undefined;
    return this.connections.close(connectionId, CODES.BRK_MT_CLOSED_FROM_CLIENT);
  }

  /** An admin ends a session: its app connections close and the connector is told at once. */
  revoke(sessionId: string): boolean {
    const s = this.store.auth.sessionById(sessionId);
    if (!s || s.revokedAt !== null) return false;
    const reason = 'Your session was revoked by your administrator. Sign in again.';
    this.terminate(s, CODES.SESSION_REVOKED, reason, {
      type: 'sessionRevoked',
      code: CODES.SESSION_REVOKED,
      reason,
    });
    this.store.auth.updateSession({
      ...this.store.auth.sessionById(sessionId)!,
      revokedAt: this.clock.now(),
    });
    this.fanOut.disconnect(sessionId, PUSH_CLOSE_CODES.revoked, 'revoked');
    return true;
  }

  /** Live sessions for the admin console, and whether each is on a push channel (any instance's). */
  sessionsView(idpId?: string) {
    const connected = this.presence.connectedSessions();
    return this.store.auth.sessions(idpId ? { idpId } : {}).map((s) => ({
      ...this.live(s),
      connected: connected.has(s.id),
      connections: this.connections.list(ownerKey(s)).length,
      connectionLog: this.connections.log.of(ownerKey(s)),
    }));
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.timeoutTimer);
    for (const u of this.unsubscribe) u();
    this.presence.stop();
    this.hub.closeAll();
  }

  /** Deactivation, deletion and username changes of a SCIM user. */
  private onScimUserChanged(e: {
    idpId: string;
    change: 'created' | 'updated' | 'deleted';
    name: string;
    previousName?: string;
    active?: boolean;
    previousActive?: boolean;
    attributesChanged?: boolean;
    signedIn?: boolean;
  }) {
    // Nobody signed in as this user when the write committed: no session to end or update, and
    // none can have appeared since (liveSessionAtCommit). Most writes of a provisioning run.
    if (e.signedIn === false) return;
    const renamed =
      e.change === 'updated' &&
      e.previousName !== undefined &&
      e.previousName.toLowerCase() !== e.name.toLowerCase();
    if (renamed) {
      for (const s of this.liveSessionsOf(e.idpId, e.previousName!)) {
        this.terminate(
          s,
          CODES.SCIM_USERNAME_CHANGED,
          `Your username changed from ${e.previousName} to ${e.name}. Log out and sign in again.`,
          {
            type: 'scimUsernameChanged',
            code: CODES.SCIM_USERNAME_CHANGED,
            from: e.previousName!,
            to: e.name,
          },
        );
      }
      return;
    }
    const disabled = (e.change === 'deleted' || e.active === false) && e.previousActive !== false;
    if (!disabled && e.change === 'updated' && e.attributesChanged) {
      this.onScimProfileUpdated(e.idpId, e.name);
    }
    if (!disabled) {
      // Created or reactivated: the real cloud sends a client no "enabled again" message (its
      // user clicks Retry). The simulator's session view follows, for the insight view only.
      for (const s of this.liveSessionsOf(e.idpId, e.name)) this.fanOut.snapshot(s);
      return;
    }
    for (const s of this.liveSessionsOf(e.idpId, e.name)) {
      const reason = 'User termination request received from SCIM.';
      const event = { type: 'scimUserDisabled', code: SCIM_TERMINATED, reason } as const;
      this.fanOut.end(s, SCIM_CONNECTION_CLOSED, event);
      // The session view follows too (the insight view's Directory Sync row: inactive).
      this.fanOut.snapshot(s);
    }
  }

  /**
   * reauthOnUserUpdate (ZPA IdP API flag; our reading, domain.md §7): when the IdP updates a
   * signed-in user's attributes through SCIM, the user must authenticate again so that the
   * session carries the new attributes. Only the authentication axis changes.
   */
  private onScimProfileUpdated(idpId: string, userName: string) {
    if (!this.idps.stored(idpId)?.config.reauthOnUserUpdate) return;
    this.requireReauth(idpId, 'user_updated', Infinity, this.liveSessionsOf(idpId, userName));
  }

  /**
   * Changing the IdP (ZPA IdP best practices, domain.md §7). With the same NameID, the new IdP's
   * certificate refuses the old assertions, and a reauthentication brings the same user back: the
   * certificate-change path (Authentication Error, reauth prompt). With a different NameID, the
   * signed-in identity no longer exists for the new IdP: the session ends with no reauth prompt,
   * and the user must log out and sign in (Authentication Error until then).
   */
  private onIdpReplaced(idpId: string, nameIdChanged: boolean) {
    if (!nameIdChanged) return this.requireReauth(idpId, 'certificate_rotated');
    const code = CODES.IDP_NAMEID_CHANGED;
    const reason = 'Your identity provider changed. Log out and sign in again.';
    for (const s of this.store.auth.sessions({ idpId })) {
      if (s.revokedAt !== null || (s.doc as SessionFlags).terminated) continue;
      this.terminate(s, code, reason, { type: 'idpNameIdChanged', code, reason });
    }
  }

  /** Only the authentication axis changes: app connections stay up. */
  private requireReauth(
    idpId: string,
    reason: ReauthReason,
    authenticatedBefore = Infinity,
    sessions = this.store.auth.sessions({ idpId }),
  ) {
    const since = isoTime(this.clock.now());
    for (const s of sessions) {
      const flags = s.doc as SessionFlags;
      const pending = flags.reauthRequired;
      // A certificate rotation outranks a pending timeout: the tunnel itself is refused now.
      const outranks = reason === 'certificate_rotated' && pending?.reason !== reason;
      if (flags.terminated || (pending && !outranks)) continue;
      const authTime = (s.doc as { authTime: number }).authTime;
      if (authTime >= authenticatedBefore) continue;
      this.setFlags(s, { reauthRequired: { reason, since, apps: [] } });
      if (reason === 'certificate_rotated') this.fanOut.send(s.id, { type: 'certificateRotated' });
      this.fanOut.send(s.id, { type: 'reauthRequired', reason, apps: [] });
    }
  }

  /** A new sign-in on the same device supersedes the older session; its app connections carry over. */
  private onSessionCreated(e: {
    sessionId: string;
    idpId: string;
    userName: string;
    deviceId: string;
  }) {
    for (const s of this.store.auth.sessionsOfUser(e.idpId, e.userName)) {
      if (s.id === e.sessionId || s.deviceId !== e.deviceId || s.revokedAt !== null) continue;
      this.store.auth.updateSession({ ...s, revokedAt: this.clock.now() });
      this.fanOut.send(s.id, {
        type: 'sessionRevoked',
        code: CODES.SESSION_SUPERSEDED,
        reason: 'Replaced by a newer sign-in on this device.',
      });
      this.fanOut.disconnect(s.id, PUSH_CLOSE_CODES.superseded, 'superseded');
    }
  }

  private terminate(s: StoredSession, code: string, reason: string, event: PushEvent) {
    this.setFlags(s, { terminated: { code, reason, at: isoTime(this.clock.now()) } });
    this.fanOut.end(s, code, event);
  }

  /**
   * Every second and after a fast-forward: simulated traffic, idle timeouts, reauth timeouts.
   * Stats go only to connectors whose figures moved (traffic flows for a minute after the user
   * last used an app): a tick with nothing to say reads no session, whatever the number of
   * connectors on the push channel.
   */
  private tick() {
    const moved = this.connections.trafficTick();
    const closed = this.connections.closeIdle(IDLE_CLOSED);
    if (moved.size === 0 && closed.length === 0) return;
    for (const id of this.hub.connectedSessions()) {
      const s = this.store.auth.sessionById(id);
      if (!s) continue;
      const key = ownerKey(s);
      for (const c of closed) {
        if (c.ownerKey === key)
          this.hub.send(id, { type: 'connectionClosed', connection: c.connection });
      }
      if (s.revokedAt !== null || !moved.has(key)) continue;
      const connections = this.connections.list(key);
      if (connections.length) this.hub.send(id, { type: 'stats', connections });
    }
  }

  /**
   * Tells connected connectors whose authentication timeout passed (once: the flag records it).
   * Costs a policy decision per app and session, so it runs every few seconds and after a
   * fast-forward, not on the one-second traffic tick; clients also time the expiry themselves.
   */
  private checkTimeouts() {
    for (const id of this.hub.connectedSessions()) {
      const s = this.store.auth.sessionById(id);
      if (!s || s.revokedAt !== null || (s.doc as SessionFlags).reauthRequired) continue;
      const required = this.live(s).reauthRequired;
      if (required?.reason !== 'timeout') continue;
      this.setFlags(s, { reauthRequired: required });
      this.hub.send(id, { type: 'reauthRequired', reason: 'timeout', apps: required.apps });
    }
  }

  /** Earliest authentication-timeout expiry over the user's apps, and the apps already expired. */
  private timeouts(session: LiveSession): { expiresAt: number | null; expiredApps: string[] } {
    let expiresAt: number | null = null;
    const expiredApps: string[] = [];
    for (const app of this.access.apps(session)) {
      const at = app.decision.expiresAt;
      if (at !== null && (expiresAt === null || at < expiresAt)) expiresAt = at;
      if (app.decision.outcome === 'reauth_required') expiredApps.push(app.app);
    }
    return { expiresAt, expiredApps };
  }

  private liveSessionsOf(idpId: string, userName: string) {
    return this.store.auth.sessionsOfUser(idpId, userName).filter((s) => s.revokedAt === null);
  }

  private setFlags(s: StoredSession, flags: SessionFlags) {
    this.store.auth.updateSession({ ...s, doc: { ...s.doc, ...flags } });
  }
}

/** App connections belong to the user on a device, across reauthentications. */
export const ownerKey = (s: StoredSession) =>
  `${s.idpId}|${s.userName.toLowerCase()}|${s.deviceId}`;
