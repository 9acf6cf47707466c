import { EventEmitter } from 'node:events';
import type {
  AccessDecision,
  AppConnectionView,
  AppSummary,
} from '../../../shared/model/broker.js';
import { toSnapshot, type ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { CODES } from '../../../shared/errors/codes.js';
import {
  TIMER_EVENTS,
  initialClientState,
  transition,
  type ClientEvent,
  type ClientState,
  type Effect,
} from '../../../shared/state/index.js';
import { MAX_REPORTED_TRANSITIONS } from '../../../shared/contract/cloud-api/connector.js';
import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit.js';
import { transitionTimelineEvent } from '../../../shared/state/transition-timeline.js';
import { signInSession } from '../auth/sign-in.js';
import { CloudApi } from '../cloud-api.js';
import { ConnectorError, toConnectorError as toError } from '../connector-error.js';
import { ClientTimeline } from './client-timeline.js';
import { ClientLog } from './log.js';
import { MachineTimers } from './machine-timers.js';
import { PushChannel } from './push-channel.js';
import { channelHandlers, signedIn } from './push-events.js';
import { logError, logTransition } from './transition-log.js';
import type { ConnectorCoreOptions } from './options.js';

export type { ConnectorSnapshot, ConnectorCoreOptions };

/**
 * The client core: an effect runner for the state machine (shared/state), which owns everything
 * the user sees. The core turns user actions, cloud answers and pushes into machine events and
 * carries out the effects (sign-in through the browser port, the simulated tunnel, the push
 * channel, heartbeats, timers, notifications). Plain Node: the Electron main process, the web
 * shell and the command line all host this same class.
 */
export class ConnectorCore extends EventEmitter {
  readonly api: CloudApi;
  readonly log: ClientLog;
  /** The machine's transitions (Export Logs, What happened), also reported to the cloud. */
  readonly timeline: ClientTimeline;
  private state: ClientState = initialClientState();
  private token: string | null = null;
  /** The cloud's simulated clock minus ours, learnt from push messages. */
  private clockOffset = 0;
  /** The clock moved without a machine change: the next dispatch emits a snapshot anyway. */
  private clockMoved = false;
  private readonly channel: PushChannel;
  private readonly timers: MachineTimers;
  private readonly broker: string;
  private signInAbort: AbortController | null = null;
  /** A report of transitions is on its way to the cloud. */
  private reporting: Promise<void> | null = null;
  private readonly localNow: () => number;

  constructor(private readonly opts: ConnectorCoreOptions) {
    super();
    this.localNow = opts.now ?? Date.now;
    this.log = opts.log ?? new ClientLog();
    this.timeline = opts.timeline ?? new ClientTimeline();
    this.api = new CloudApi(opts.cloudUrl);
    this.broker = new URL(opts.cloudUrl).host;
    this.channel = new PushChannel(opts.cloudUrl);
    this.timers = new MachineTimers(
      () => this.now(),
      (timer) => this.dispatch({ type: TIMER_EVENTS[timer] } as ClientEvent),
    );
  }

  /** Resumes a stored session (if any) and turns the service on. */
  async start(): Promise<void> {
    const secret = await this.opts.secrets.load();
    if (!secret) return;
    try {
      const { session } = await this.api.state(secret.sessionToken);
      this.token = secret.sessionToken;
      this.log.info('resumed session', { user: session.userName });
      this.dispatch({ type: 'signIn', username: secret.username });
      this.dispatch(signedIn(session));
      this.loadApps();
    } catch (e) {
      this.log.warn('stored session is no longer valid', { code: toError(e).code });
      await this.opts.secrets.clear();
    }
  }

  snapshot(): ConnectorSnapshot {
    const { cloudUrl, deviceId } = this.opts;
    return toSnapshot(this.state, { cloudUrl, deviceId, clockOffsetMs: this.clockOffset });
  }

  // --- user actions ----------------------------------------------------------------------------

  /** Sign in as `username`: the cloud discovers the IdP, the browser port runs SAML or OIDC. */
  signIn(username: string): void {
    this.dispatch({ type: 'signIn', username });
    this.dispatch({ type: 'authenticate' });
  }

  authenticate = (): void => this.dispatch({ type: 'authenticate' });
  authenticateEarly = (): void => this.dispatch({ type: 'authenticateEarly' });
  turnOn = (): void => this.dispatch({ type: 'turnOn' });
  turnOff = (): void => this.dispatch({ type: 'turnOff' });
  retry = (): void => this.dispatch({ type: 'retry' });
  signOut = (): void => this.dispatch({ type: 'signOut' });
  /** Empties the notification list (the Notifications window's "Clear All"). */
  clearNotifications = (): void => this.dispatch({ type: 'notificationsCleared' });

  /** The user gave up on the sign-in window: stop it and go back to where we were. */
  cancelSignIn(): void {
    this.signInAbort?.abort();
    if (this.state.auth.status === 'authenticating') {
      this.dispatch({ type: 'signInFailed', code: CODES.SIGN_IN_CANCELLED });
    }
  }

  async refreshApps(): Promise<AppSummary[]> {
    if (!this.token) return [];
    const apps = await this.api.apps(this.token);
    this.dispatch({ type: 'appsLoaded', apps });
    return apps;
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
    this.dispatch({ type: 'appOpened', app, ...result });
    return result;
  }

  async closeConnection(id: string): Promise<void> {
    if (!this.token) return;
    const closed = await this.api.closeConnection(this.token, id);
    this.dispatch({ type: 'connectionClosed', connection: closed });
  }

  /**
   * What happened to the signed-in user, as the cloud tells it (every source); without a session
   * or a cloud, the client's own transitions.
   */
  async userTimeline(): Promise<TimelineEvent[]> {
    const token = this.token;
    if (token) {
      try {
        await this.reportTransitions();
        return await this.api.ownTimeline(token);
      } catch (e) {
        this.log.warn('timeline from the cloud failed', { code: toError(e).code });
      }
    }
    return [...this.timeline.all()];
  }

  dispose(): void {
    this.channel.close();
    this.timers.clear();
    this.signInAbort?.abort();
  }

  // --- the machine -----------------------------------------------------------------------------

  dispatch(event: ClientEvent): void {
    const before = this.state;
    const random = this.opts.random ?? Math.random;
    const { state, effects } = transition(before, event, this.now(), { random });
    const moved = this.clockMoved;
    this.clockMoved = false;
    if (state !== before || effects.length > 0) {
      this.state = state;
      logTransition(this.log, event, before, state);
      this.recordTransition(event, before, state, effects);
      for (const effect of effects) this.run(effect);
    } else if (!moved) return; // nothing the user sees changed: no snapshot
    this.emit('state', this.snapshot());
  }

  /** Dispatches `event` once the current transition's effects have run. */
  private later(event: ClientEvent) {
    queueMicrotask(() => this.dispatch(event));
  }

  private recordTransition(
    event: ClientEvent,
    before: ClientState,
    after: ClientState,
    effects: readonly Effect[],
  ) {
    const entry = transitionTimelineEvent(event, before, after, effects, this.now());
    if (!entry) return;
    this.timeline.add(entry);
    void this.reportTransitions();
  }

  /**
   * Tells the cloud the transitions it has not heard of (after they happen and with each
   * heartbeat); one report at a time, the ones that failed go with the next.
   */
  private reportTransitions(): Promise<void> {
    if (this.reporting) return this.reporting;
    const token = this.token;
    const events = this.timeline.pending(MAX_REPORTED_TRANSITIONS);
    if (!token || events.length === 0) return Promise.resolve();
    this.reporting = this.api.reportTransitions(token, events).then(
      () => {
        this.timeline.markSent(events.length);
        this.reporting = null;
        return this.reportTransitions();
      },
      (e: unknown) => {
        this.reporting = null;
        this.log.debug('reporting transitions failed', { code: toError(e).code });
      },
    );
    return this.reporting;
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'openSignIn':
        return void this.runSignIn();
      case 'cancelSignIn':
        return this.signInAbort?.abort();
      case 'connectTunnel':
        return this.askState('connectFailed');
      case 'disconnectTunnel':
        // The simulated tunnel is down at once; only a pending Turn Off / sign-out waits for it.
        if (this.state.service.status === 'disconnecting') this.later({ type: 'disconnected' });
        return;
      case 'openChannel':
        return this.openChannel();
      case 'closeChannel':
        return this.channel.close();
      case 'startHeartbeats':
        return this.timers.every(this.opts.heartbeatMs ?? 30_000, () =>
          this.askState('heartbeatFailed'),
        );
      case 'stopHeartbeats':
        return this.timers.every(null);
      case 'closeAppConnections':
        return this.closeAtCloud(effect.ids, effect.code);
      case 'discardSession':
        return void this.discardSession(effect.notifyCloud);
      case 'scheduleTimer':
        return this.timers.arm(effect.timer, effect.at);
      case 'cancelTimer':
        return this.timers.cancel(effect.timer);
      case 'showNotification':
        return void this.emit('notification', effect.notification);
      case 'dismissNotification':
        return void this.emit('dismissNotification', effect.id);
      case 'refreshPolicy':
        return this.loadApps();
      case 'reportError':
        return logError(this.log, effect);
    }
  }

  /** The time on the cloud's clock (which trainers fast-forward), as far as we know it. */
  private now(): number {
    return this.localNow() + this.clockOffset;
  }

  /**
   * Follows the cloud's clock; when it jumped (a fast-forward), re-arms the timers at once.
   * Returns whether it moved, so a push that changes nothing else still sends a snapshot.
   */
  private syncClock(serverTime: string): boolean {
    const offset = Date.parse(serverTime) - this.localNow();
    if (!Number.isFinite(offset) || Math.abs(offset - this.clockOffset) < 1000) return false;
    this.clockOffset = offset;
    this.clockMoved = true;
    this.log.info(`cloud clock offset now ${Math.round(offset / 1000)} s`);
    this.timers.rearm();
    return true;
  }

  private async runSignIn() {
    const username = this.state.data?.username;
    if (!username) return this.later({ type: 'signInFailed', code: CODES.USERNAME_NO_DOMAIN });
    this.signInAbort?.abort();
    const abort = (this.signInAbort = new AbortController());
    try {
      const { sessionToken, session } = await signInSession({
        ...this.opts,
        api: this.api,
        username,
        signal: abort.signal,
        onMethod: (method) => this.dispatch({ type: 'signInStarted', method }),
      });
      if (abort.signal.aborted) return;
      this.token = sessionToken;
      this.dispatch(signedIn(session));
      this.loadApps();
    } catch (e) {
      if (abort.signal.aborted) return;
      const err = toError(e);
      this.log.warn('sign-in failed', { code: err.code, message: err.message });
      this.dispatch({ type: 'signInFailed', code: err.code });
    } finally {
      if (this.signInAbort === abort) this.signInAbort = null;
    }
  }

  private loadApps() {
    this.refreshApps().catch((e: unknown) =>
      this.log.warn('app list refresh failed', { code: toError(e).code }),
    );
  }

  /**
   * Asks the cloud for its view of the session. The simulated tunnel comes up when the service
   * edge accepts that session (connect), and stays up while it keeps doing so (heartbeats).
   */
  private askState(failure: 'connectFailed' | 'heartbeatFailed') {
    const token = this.token;
    // Never a dispatch inside a dispatch: the answer comes later, as the cloud's would.
    if (!token) return this.later({ type: failure, code: CODES.SESSION_INVALID });
    this.api.state(token).then(
      (s) => {
        this.dispatch({ ...s, type: 'sessionState', broker: this.broker });
        void this.reportTransitions();
      },
      (e: unknown) => this.dispatch({ type: failure, code: toError(e).code }),
    );
  }

  private openChannel() {
    const token = this.token;
    if (!token) return this.later({ type: 'channelLost', code: CODES.SESSION_INVALID });
    this.channel.connect(
      token,
      channelHandlers({
        dispatch: (e) => this.dispatch(e),
        log: this.log,
        broker: this.broker,
        clock: (at) => this.syncClock(at),
      }),
    );
  }

  /** The machine already removed them from the window; the cloud closes them too. */
  private closeAtCloud(ids: string[], code: string) {
    const token = this.token;
    if (!token || ids.length === 0) return;
    this.log.info(`closing ${ids.length} app connection(s): ${code}`);
    for (const id of ids) this.api.closeConnection(token, id).catch(() => undefined);
  }

  private async discardSession(notifyCloud: boolean) {
    const token = this.token;
    this.token = null;
    // What is not reported by now stays local: a later session may be another user's.
    const lastReport = this.reporting;
    this.timeline.markSent(Number.MAX_SAFE_INTEGER);
    await this.opts.secrets.clear();
    if (!notifyCloud || !token) return;
    // The report carrying the sign-out's own transition goes first, while the session lives.
    await lastReport;
    await this.api.signOut(token).catch(() => undefined);
  }
}
