import { EventEmitter } from 'node:events';
import type {
  AccessDecision,
  AppConnectionView,
  AppSummary,
  LiveSession,
  PushMessage,
} from '../../../shared/model/broker.js';
import {
  initialClientState,
  TIMER_EVENTS,
  transition,
  type ClientEvent,
  type ClientNotification,
  type ClientState,
  type Effect,
  type TimerName,
} from '../../../shared/state/index.js';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { signIn } from '../auth/sign-in.js';
import type { BrowserPort } from '../browser-port.js';
import { CloudApi } from '../cloud-api.js';
import { ConnectorError } from '../connector-error.js';
import { ClientLog } from './log.js';
import { PushChannel } from './push-channel.js';
import type { SecretStore } from './session-store.js';
import { CODES } from '../../../shared/errors/codes.js';

export type { ConnectorSnapshot };

export interface ConnectorCoreOptions {
  cloudUrl: string;
  deviceId: string;
  browser: BrowserPort;
  secrets: SecretStore;
  now?: () => number;
  log?: ClientLog;
  heartbeatMs?: number;
  /** The sign-in redirect URI (loopback); LOOPBACK_REDIRECT when absent. */
  redirectUri?: string;
}

/**
 * The client core: runs the two state machines (shared/state) and carries out their effects
 * (sign-in through the browser port, the push channel as the tunnel, heartbeats, timers,
 * notifications). Plain Node: the Electron main process, the web shell and the command line all
 * host this same class.
 */
export class ConnectorCore extends EventEmitter {
  readonly api: CloudApi;
  readonly log: ClientLog;
  private state: ClientState = initialClientState();
  private token: string | null = null;
  private username: string | null = null;
  private session: LiveSession | null = null;
  private apps: AppSummary[] = [];
  private connections: AppConnectionView[] = [];
  private notifications: (ClientNotification & { at: string })[] = [];
  private lastError: ConnectorSnapshot['lastError'] = null;
  private policyVersion = 0;
  /** Timers at absolute (cloud) times, so they can be re-armed when the cloud's clock jumps. */
  private readonly timers = new Map<TimerName, { handle: NodeJS.Timeout; at: number }>();
  /** The cloud's simulated clock minus ours, learnt from push messages. */
  private clockOffset = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly channel: PushChannel;
  private signInAbort: AbortController | null = null;
  private readonly localNow: () => number;

  constructor(private readonly opts: ConnectorCoreOptions) {
    super();
    this.localNow = opts.now ?? Date.now;
    this.log = opts.log ?? new ClientLog();
    this.api = new CloudApi(opts.cloudUrl);
    this.channel = new PushChannel(
      `${opts.cloudUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/api/connector/events`,
    );
  }

  /** Resumes a stored session (if any) and turns the service on. */
  async start(): Promise<void> {
    const secret = await this.opts.secrets.load();
    if (!secret) return;
    this.username = secret.username;
    try {
      const session = await this.api.session(secret.sessionToken);
      this.token = secret.sessionToken;
      this.log.info('resumed session', { user: session.userName });
      this.dispatch({
        type: 'signInSucceeded',
        user: session.userName,
        idp: session.idpName,
        method: session.protocol,
        authTime: Date.parse(session.authTime),
        expiresAt: null,
        scimReady: true,
      });
    } catch (e) {
      this.log.warn('stored session is no longer valid', { code: (e as ConnectorError).code });
      await this.opts.secrets.clear();
    }
  }

  snapshot(): ConnectorSnapshot {
    const actionable = this.state.notifications?.actionable ?? null;
    return {
      cloudUrl: this.opts.cloudUrl,
      deviceId: this.opts.deviceId,
      username: this.username,
      service: this.state.service,
      auth: this.state.auth,
      session: this.session,
      apps: this.apps,
      connections: this.connections,
      banner: actionable,
      notifications: this.notifications,
      lastError: this.lastError,
      policyVersion: this.policyVersion,
      clockOffsetMs: this.clockOffset,
    };
  }

  // --- user actions ----------------------------------------------------------------------------

  /** Sign in as `username`: the cloud discovers the IdP, the browser port runs SAML or OIDC. */
  signIn(username: string): void {
    this.username = username.trim();
    this.dispatch({ type: 'authenticate' });
  }

  authenticate(): void {
    this.dispatch({ type: 'authenticate' });
  }

  authenticateEarly(): void {
    this.dispatch({ type: 'authenticateEarly' });
  }

  turnOn(): void {
    this.dispatch({ type: 'turnOn' });
  }

  turnOff(): void {
    this.dispatch({ type: 'turnOff' });
  }

  retry(): void {
    this.dispatch({ type: 'retry' });
  }

  signOut(): void {
    this.dispatch({ type: 'signOut' });
  }

  /** The user gave up on the sign-in window: stop it and go back to where we were. */
  cancelSignIn(): void {
    this.signInAbort?.abort();
    if (this.state.auth.status === 'authenticating') {
      this.dispatch({ type: 'signInFailed', code: CODES.SIGN_IN_CANCELLED });
    }
  }

  /** Empties the notification list (the Notifications window's "Clear All"). */
  clearNotifications(): void {
    this.notifications = [];
    this.changed();
  }

  async refreshApps(): Promise<AppSummary[]> {
    if (!this.token) return [];
    this.apps = await this.api.apps(this.token);
    this.changed();
    return this.apps;
  }

  /** `open <app>`: allowed opens an app connection; blocked tells why (code and trace). */
  async openApp(
    app: string,
    port = 443,
  ): Promise<{ decision: AccessDecision; connection: AppConnectionView | null }> {
    if (!this.token) throw new ConnectorError(CODES.SESSION_INVALID, 'Sign in first.');
    const result = await this.api.openApp(this.token, app, port);
    this.log.info(`open ${app}:${port}: ${result.decision.outcome}`, {
      code: result.decision.code,
    });
    if (result.connection) this.connections = [...this.connections, result.connection];
    if (result.decision.outcome === 'blocked' || result.decision.outcome === 'reauth_required') {
      this.dispatch({ type: 'appAccessFailed', app, code: result.decision.code });
    } else this.changed();
    return result;
  }

  async closeConnection(id: string): Promise<void> {
    if (!this.token) return;
    await this.api.closeConnection(this.token, id);
    this.connections = this.connections.filter((c) => c.id !== id);
    this.changed();
  }

  dispose(): void {
    this.channel.close();
    this.stopHeartbeats();
    for (const t of this.timers.values()) clearTimeout(t.handle);
    this.timers.clear();
    this.signInAbort?.abort();
  }

  // --- the machine -----------------------------------------------------------------------------

  dispatch(event: ClientEvent): void {
    const before = this.state;
    const { state, effects } = transition(this.state, event, this.now());
    this.state = state;
    if (event.type !== 'statsUpdated' && event.type !== 'heartbeatOk') {
      this.log.debug(`event ${event.type}`, event);
    }
    if (state.service !== before.service)
      this.log.info(`service: ${describeService(state.service)}`);
    if (state.auth !== before.auth) this.log.info(`authentication: ${state.auth.status}`);
    for (const effect of effects) this.run(effect);
    this.changed();
  }

  private changed() {
    this.emit('state', this.snapshot());
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'openSignIn':
        void this.runSignIn();
        return;
      case 'cancelSignIn':
        this.signInAbort?.abort();
        return;
      case 'connectTunnel':
        this.connectTunnel();
        return;
      case 'disconnectTunnel':
        this.channel.close();
        queueMicrotask(() => this.dispatch({ type: 'disconnected' }));
        return;
      case 'startHeartbeats':
        this.startHeartbeats();
        return;
      case 'stopHeartbeats':
        this.stopHeartbeats();
        return;
      case 'closeAppConnections':
        void this.closeAllConnections(effect.code);
        return;
      case 'discardSession':
        void this.discardSession(effect.notifyCloud);
        return;
      case 'scheduleTimer':
        this.arm(effect.timer, effect.at);
        return;
      case 'cancelTimer':
        clearTimeout(this.timers.get(effect.timer)?.handle);
        this.timers.delete(effect.timer);
        return;
      case 'showNotification':
        this.notifications = [
          { ...effect.notification, at: new Date(this.now()).toISOString() },
          ...this.notifications,
        ].slice(0, 100);
        this.emit('notification', effect.notification);
        return;
      case 'dismissNotification':
        this.emit('dismissNotification', effect.id);
        return;
      case 'refreshPolicy':
        void this.refreshApps().catch((e: unknown) =>
          this.log.warn('policy refresh failed', { error: String(e) }),
        );
        return;
      case 'reportError':
        this.lastError = {
          code: effect.code,
          ...(effect.reason ? { reason: effect.reason } : {}),
          ...(effect.app ? { app: effect.app } : {}),
          at: new Date(this.now()).toISOString(),
        };
        this.log.error(`error ${effect.code}`, effect);
        return;
    }
  }

  /** The time on the cloud's clock (which trainers fast-forward), as far as we know it. */
  private now(): number {
    return this.localNow() + this.clockOffset;
  }

  private arm(timer: TimerName, at: number) {
    clearTimeout(this.timers.get(timer)?.handle);
    const handle = setTimeout(
      () => {
        this.timers.delete(timer);
        this.dispatch({ type: TIMER_EVENTS[timer] } as ClientEvent);
      },
      Math.max(0, at - this.now()),
    );
    this.timers.set(timer, { handle, at });
  }

  /** Follows the cloud's clock; when it jumped (a fast-forward), re-arms the timers at once. */
  private syncClock(serverTime: string) {
    const offset = Date.parse(serverTime) - this.localNow();
    if (!Number.isFinite(offset) || Math.abs(offset - this.clockOffset) < 1000) return;
    this.clockOffset = offset;
    this.log.info(`cloud clock offset now ${Math.round(offset / 1000)} s`);
    for (const [timer, { at }] of [...this.timers]) this.arm(timer, at);
    this.changed();
  }

  private async runSignIn() {
    const username = this.username;
    if (!username) {
      this.dispatch({ type: 'signInFailed', code: CODES.USERNAME_NO_DOMAIN });
      return;
    }
    this.signInAbort?.abort();
    const abort = new AbortController();
    this.signInAbort = abort;
    try {
      const found = await this.api.discover(username);
      this.dispatch({ type: 'signInStarted', method: found.protocol });
      const issued = await signIn({
        api: this.api,
        username,
        deviceId: this.opts.deviceId,
        browser: this.opts.browser,
        signal: abort.signal,
        ...(this.opts.redirectUri ? { redirectUri: this.opts.redirectUri } : {}),
      });
      if (abort.signal.aborted) return;
      const hadTunnel = this.channel.connected;
      this.token = issued.sessionToken;
      await this.opts.secrets.save({ sessionToken: issued.sessionToken, username });
      // A reauthentication replaces the session: move the running tunnel onto the new one.
      if (hadTunnel) this.connectTunnel();
      const live = await this.api.state(issued.sessionToken).then((s) => s.session);
      this.session = live;
      this.log.info('signed in', { user: live.userName, idp: live.idpName, method: live.protocol });
      this.dispatch({
        type: 'signInSucceeded',
        user: live.userName,
        idp: live.idpName,
        method: live.protocol,
        authTime: Date.parse(live.authTime),
        expiresAt: live.expiresAt ? Date.parse(live.expiresAt) : null,
        scimReady: live.scimReady,
      });
      void this.refreshApps().catch(() => undefined);
    } catch (e) {
      if (abort.signal.aborted) return;
      const err = e instanceof ConnectorError ? e : new ConnectorError(CODES.INTERNAL, String(e));
      this.log.warn('sign-in failed', { code: err.code, message: err.message });
      this.dispatch({ type: 'signInFailed', code: err.code });
    } finally {
      if (this.signInAbort === abort) this.signInAbort = null;
    }
  }

  private connectTunnel() {
    const token = this.token;
    if (!token) {
      this.dispatch({ type: 'connectFailed', code: CODES.SESSION_INVALID });
      return;
    }
    this.channel.connect(token, {
      onMessage: (m) => this.onPush(m),
      onClose: (code) => {
        this.log.warn(`push channel closed (${code})`);
        this.stopHeartbeats();
        if (code === 4002) return; // superseded by our own reauthentication
        if (code === 4001) this.dispatch({ type: 'sessionRevoked', code: CODES.SESSION_INVALID });
        else this.dispatch({ type: 'disconnected' });
      },
      onError: (error) => {
        this.log.warn('push channel failed', { error: error.message });
        const refused = /HTTP 401/.test(error.message);
        this.dispatch(
          refused
            ? { type: 'sessionRevoked', code: CODES.SESSION_INVALID }
            : { type: 'connectFailed', code: CODES.NETWORK_CONNECTION_FAILED },
        );
      },
    });
  }

  /** What the cloud pushes becomes machine events; the snapshot re-syncs everything after a reconnect. */
  private onPush(m: PushMessage) {
    this.syncClock(m.at);
    switch (m.type) {
      case 'snapshot': {
        this.session = m.session;
        this.connections = m.connections;
        this.policyVersion = m.policyVersion;
        const s = m.session;
        if (s.terminated) {
          this.dispatch(
            s.terminated.code === CODES.SCIM_USERNAME_CHANGED
              ? { type: 'scimUsernameChanged' }
              : { type: 'sessionRevoked', code: s.terminated.code },
          );
          return;
        }
        if (s.scimStatus === 'absent' || s.scimStatus === 'inactive') {
          // The Okta sync error (not synced) or a deactivated user: the cloud blocks access.
          this.dispatch({
            type: 'connectFailed',
            code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
            reason: s.scimStatus === 'absent' ? 'not_synced' : 'deactivated',
          });
          return;
        }
        this.dispatch({ type: 'connected', broker: new URL(this.opts.cloudUrl).host });
        if (s.reauthRequired) {
          this.dispatch({
            type: 'reauthRequired',
            reason: s.reauthRequired.reason,
            apps: s.reauthRequired.apps,
          });
        }
        return;
      }
      case 'scimUserDisabled':
        this.connections = [];
        this.dispatch({ type: 'scimUserDisabled' });
        return;
      case 'scimUserEnabled':
        this.dispatch({ type: 'scimUserEnabled' });
        return;
      case 'scimUsernameChanged':
        this.connections = [];
        this.dispatch({ type: 'scimUsernameChanged', from: m.from, to: m.to });
        return;
      case 'sessionRevoked':
        // Our own newer sign-in replaced that session; the tunnel already moved to the new one.
        if (m.code === CODES.SESSION_SUPERSEDED) return;
        this.dispatch({ type: 'sessionRevoked', code: m.code });
        return;
      case 'reauthRequired':
        this.dispatch({ type: 'reauthRequired', reason: m.reason, apps: m.apps });
        return;
      case 'certificateRotated':
        this.dispatch({ type: 'certificateRotated' });
        return;
      case 'policyChanged':
        this.policyVersion = m.version;
        this.dispatch({ type: 'policyChanged' });
        return;
      case 'connectionClosed':
        this.connections = this.connections.filter((c) => c.id !== m.connection.id);
        this.log.info(
          `app connection to ${m.connection.app} closed (${m.connection.closedCode ?? 'closed'})`,
        );
        this.changed();
        return;
      case 'stats': {
        this.connections = m.connections;
        const bytesSent = m.connections.reduce((n, c) => n + c.bytesSent, 0);
        const bytesReceived = m.connections.reduce((n, c) => n + c.bytesReceived, 0);
        this.dispatch({ type: 'statsUpdated', bytesSent, bytesReceived });
        return;
      }
    }
  }

  private startHeartbeats() {
    this.stopHeartbeats();
    this.heartbeat = setInterval(() => {
      const token = this.token;
      if (!token) return;
      this.api.state(token).then(
        (snap) => {
          this.session = snap.session;
          this.dispatch({ type: 'heartbeatOk' });
        },
        (e: unknown) =>
          this.dispatch({ type: 'heartbeatFailed', code: (e as ConnectorError).code }),
      );
    }, this.opts.heartbeatMs ?? 30_000);
    this.heartbeat.unref?.();
  }

  private stopHeartbeats() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async closeAllConnections(code: string) {
    const token = this.token;
    const open = this.connections;
    this.connections = [];
    this.log.info(`closing ${open.length} app connection(s): ${code}`);
    if (token)
      await Promise.all(
        open.map((c) => this.api.closeConnection(token, c.id).catch(() => undefined)),
      );
    this.changed();
  }

  private async discardSession(notifyCloud: boolean) {
    const token = this.token;
    this.token = null;
    this.session = null;
    this.apps = [];
    this.channel.close();
    await this.opts.secrets.clear();
    if (notifyCloud && token) await this.api.signOut(token).catch(() => undefined);
    this.changed();
  }
}

function describeService(s: ClientState['service']): string {
  return s.status === 'error' ? `error ${s.kind} (${s.code})` : s.status;
}
