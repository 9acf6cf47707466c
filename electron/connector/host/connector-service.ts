import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import {
  CONNECTOR_CALLS,
  ContractError,
  isConnectorCall,
  parseCallInput,
  type AboutInfo,
  type CallOutputs,
  type CallResult,
  type ConnectorCall,
  type ConnectorEventName,
  type ConnectorSettings,
  type EventPayloads,
} from '../../../shared/contract/connector-contract.js';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import type { ClientNotification } from '../../../shared/state/types.js';
import type { BrowserPort } from '../browser-port.js';
import { toConnectorError } from '../cloud-api.js';
import { ConnectorError } from '../connector-error.js';
import { ConnectorCore, type ConnectorCoreOptions } from '../core/connector-core.js';
import { ClientTimeline } from '../core/client-timeline.js';
import { ClientLog } from '../core/log.js';
import type { SecretStore } from '../core/session-store.js';
import { IssueReporter } from './issue-reporter.js';
import { createRedactor } from './redact.js';
import { isHttpUrl, normaliseUrl, type SettingsStore } from './settings-store.js';
import { cloudKeyOf, stateBeforeCore } from './state-before-core.js';
import { waitForState } from './wait-for-state.js';
import { CODES } from '../../../shared/errors/codes.js';

export interface ConnectorServiceOptions {
  host: AboutInfo['host'];
  appVersion: string;
  electronVersion?: string | null;
  chromeVersion?: string | null;
  settings: SettingsStore;
  /**
   * The cloud bundled with the app (running locally), if any: its URL, or the promise of it while
   * it starts (a rejection says why). Meanwhile the window can show the signed-out state (see
   * `showable`), unless a stored session waits for it: `needBundledCloud` says so.
   */
  bundledCloudUrl: string | null | Promise<string>;
  needBundledCloud?: () => void;
  /** Why the host's bundled cloud is missing (it failed to start): the window shows it. */
  bundledCloudError?: string | null;
  browser: BrowserPort;
  /** The sign-in redirect URI (loopback); the core's default when absent. */
  redirectUri?: string;
  /** The session secret store of one cloud (`bundled` or the cloud's URL). */
  secretsFor(cloudKey: string): SecretStore;
  issues: IssueReporter;
  heartbeatMs?: number;
  now?: () => number;
  /** For tests: how a core is made. */
  createCore?: (opts: ConnectorCoreOptions) => ConnectorCore;
}

/** A call's input after validation (defaults applied). */
export type CallValue<C extends ConnectorCall> = z.output<(typeof CONNECTOR_CALLS)[C]>;

type Handlers = {
  [C in ConnectorCall]: (input: CallValue<C>) => Promise<CallOutputs[C]> | CallOutputs[C];
};

export interface ConnectorServiceEvents {
  state: [ConnectorSnapshot];
  notification: [ClientNotification];
  settings: [ConnectorSettings];
  /** The core took a notification down (the host closes its OS notification). */
  dismissNotification: [string];
}

/**
 * Every call of the window.connector contract, on top of the connector core: input validated
 * with the contract's schema, every outcome in the CallResult envelope, the core's events
 * forwarded. Both hosts (Electron main and the web shell) serve exactly this object.
 */
export class ConnectorService extends EventEmitter<ConnectorServiceEvents> {
  /** One log for the service's life: switching clouds keeps it. */
  readonly log: ClientLog;
  /** The client's transitions for the service's life, like the log (Export Logs carries them). */
  readonly timeline = new ClientTimeline();
  /**
   * Settles once `snapshot()` has a state to show: the core's, or while the bundled cloud starts
   * (and no stored session waits to resume), the signed-out state its core starts in.
   */
  readonly showable: Promise<void>;
  private core: ConnectorCore | null = null;
  /** What the window shows before the core exists (the bundled cloud is starting). */
  private beforeCore: ConnectorSnapshot | null = null;
  private starting: Promise<void> | null = null;
  private cloudKey = cloudKeyOf(null);
  private bundledUrl: string | null;
  private bundledError: string | null;
  /** Settles when the bundled cloud that is starting is up or failed. */
  private readonly bundledStarting: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly handlers: Handlers;
  private markShowable!: () => void;

  constructor(private readonly opts: ConnectorServiceOptions) {
    super();
    this.now = opts.now ?? Date.now;
    this.log = new ClientLog(5000, this.now);
    this.handlers = this.createHandlers();
    this.showable = new Promise((resolve) => (this.markShowable = resolve));
    const bundled = opts.bundledCloudUrl;
    this.bundledUrl = typeof bundled === 'string' ? bundled : null;
    this.bundledError = opts.bundledCloudError ?? null;
    if (bundled instanceof Promise) {
      this.bundledStarting = bundled.then(
        (url) => void (this.bundledUrl = url),
        (e: unknown) => {
          this.bundledError = (e as Error).message;
          this.beforeCore = null; // no core is coming: the window says why instead
        },
      );
    }
  }

  /** Loads the settings, makes the core for the configured cloud and resumes a stored session. */
  start(): Promise<void> {
    this.starting ??= this.startOnce().finally(() => this.markShowable());
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    const settings = await this.opts.settings.load();
    if (settings.cloudUrl === null && this.bundledStarting) {
      // A session to resume would turn the window to signed in a moment later: it waits instead.
      const before = await stateBeforeCore(settings, this.opts.secretsFor);
      if (before && !this.bundledError) {
        this.beforeCore = before;
        this.markShowable();
      } else this.opts.needBundledCloud?.();
      await this.bundledStarting;
    }
    await this.useCloud(settings.cloudUrl);
  }

  get connector(): ConnectorCore {
    if (this.core) return this.core;
    if (this.bundledError) {
      throw new ConnectorError(CODES.BUNDLED_CLOUD_UNAVAILABLE, this.bundledError);
    }
    throw new ConnectorError(CODES.INTERNAL, 'The connector service is not started.');
  }

  snapshot(): ConnectorSnapshot {
    return this.core || !this.beforeCore ? this.connector.snapshot() : this.beforeCore;
  }

  /** Runs one call: never throws, every error comes back as `{ ok: false, error }`. */
  async call(call: unknown, input?: unknown): Promise<CallResult<unknown>> {
    if (!isConnectorCall(call)) {
      return {
        ok: false,
        error: {
          code: CODES.INVALID_REQUEST,
          message: `Unknown call: ${String(call).slice(0, 64)}`,
        },
      };
    }
    try {
      // A call waits for the core (made once the bundled cloud is up); the state does not.
      if (!this.core && this.starting && call !== 'getSnapshot')
        await this.starting.catch(() => {});
      const parsed = parseCallInput(call, input);
      if (call !== 'getSnapshot') this.log.debug(`call ${call}`);
      const handler = this.handlers[call] as (i: unknown) => unknown;
      const value = await handler(parsed);
      return { ok: true, value: value as unknown };
    } catch (e) {
      const error = toCallError(e);
      this.log.warn(`call ${call} failed`, error);
      return { ok: false, error };
    }
  }

  /** Typed convenience for the hosts and tests. */
  async invoke<C extends ConnectorCall>(
    call: C,
    input?: unknown,
  ): Promise<CallResult<CallOutputs[C]>> {
    return (await this.call(call, input)) as CallResult<CallOutputs[C]>;
  }

  /** Subscribes to a contract event; returns the unsubscribe function. */
  subscribe<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void {
    const emitter = this as unknown as EventEmitter;
    emitter.on(event, listener);
    return () => emitter.off(event, listener);
  }

  async dispose(): Promise<void> {
    const core = this.core;
    this.core = null;
    if (core) {
      core.removeAllListeners();
      core.dispose();
    }
  }

  // --- calls ------------------------------------------------------------------------------------

  private createHandlers(): Handlers {
    return {
      getSnapshot: () => this.snapshot(),
      signIn: ({ username }) => this.connector.signIn(username),
      cancelSignIn: () => this.connector.cancelSignIn(),
      authenticate: () => this.connector.authenticate(),
      authenticateEarly: () => this.connector.authenticateEarly(),
      turnOn: () => this.connector.turnOn(),
      turnOff: () => this.connector.turnOff(),
      retry: () => this.connector.retry(),
      signOut: () => this.connector.signOut(),
      refreshApps: () => this.connector.refreshApps(),
      openApp: ({ app, port }) => this.connector.openApp(app, port),
      closeConnection: ({ id }) => this.connector.closeConnection(id),
      exportLogs: () => this.exportLogs(),
      reportIssue: (form) => this.reportIssue(form),
      setLogLevel: ({ level }) => {
        // For this session only: the next start is back at the default (info).
        this.log.level = level;
        this.log.info(`log mode: ${level}`);
      },
      updatePolicy: async () => {
        this.log.info('update policy');
        return this.connector.refreshApps();
      },
      restartService: () => this.restartService(),
      getAbout: () => this.about(),
      getSettings: () => this.settings(),
      setSettings: (change) => this.setSettings(change),
      clearNotifications: () => this.connector.clearNotifications(),
      getTimeline: () => this.connector.userTimeline(),
    };
  }

  private async exportLogs(): Promise<CallOutputs['exportLogs']> {
    const zip = await this.logsZip();
    this.log.info(`exported logs: ${zip.fileName}`);
    return { fileName: zip.fileName, base64: Buffer.from(zip.bytes).toString('base64') };
  }

  private async logsZip() {
    const secret = await this.opts.secretsFor(this.cloudKey).load();
    const { buildLogsZip } = await import('./logs-zip.js'); // fflate: not for every start
    return buildLogsZip({
      lines: this.log.all(),
      timeline: this.timeline.all(),
      snapshot: this.snapshot(),
      about: this.about(),
      redactor: createRedactor([secret?.sessionToken]),
      now: this.now(),
    });
  }

  private async reportIssue(form: CallValue<'reportIssue'>): Promise<CallOutputs['reportIssue']> {
    const secret = await this.opts.secretsFor(this.cloudKey).load();
    const zip = await this.logsZip();
    const snap = this.snapshot();
    const result = await this.opts.issues.submit(
      snap.cloudUrl,
      {
        form: { ...form },
        deviceId: snap.deviceId,
        username: snap.username,
        about: this.about(),
        logs: { fileName: zip.fileName, base64: Buffer.from(zip.bytes).toString('base64') },
      },
      secret?.sessionToken ?? null,
    );
    this.log.info(`reported issue ${result.id} (${result.stored})`, {
      problem: form.problem,
      priority: form.priority,
      ...(result.reason ? { reason: result.reason } : {}),
    });
    return { id: result.id };
  }

  private async restartService() {
    // Like the real client's Restart Service: the tunnel goes down briefly and comes back.
    const core = this.connector;
    this.log.info('restart service');
    core.turnOff();
    await waitForState(core, (s) => s.service.status === 'off', 5000);
    core.turnOn();
  }

  private about(): AboutInfo {
    const snap = this.core?.snapshot();
    return {
      appVersion: this.opts.appVersion,
      host: this.opts.host,
      electronVersion: this.opts.electronVersion ?? null,
      chromeVersion: this.opts.chromeVersion ?? null,
      nodeVersion: process.versions.node,
      platform: `${process.platform} ${process.arch}`,
      cloudUrl: snap?.cloudUrl ?? this.currentCloudUrl(null) ?? '',
      policyVersion: snap?.policyVersion ?? 0,
      deviceId: snap?.deviceId ?? '',
    };
  }

  private async settings(): Promise<ConnectorSettings> {
    const s = await this.opts.settings.load();
    return {
      cloudUrl: this.currentCloudUrl(s.cloudUrl) ?? '',
      bundledCloudUrl: this.bundledUrl,
      view: s.view,
    };
  }

  /** Saves what changed and tells every window (a trainer tool may set an attendee's view). */
  private async setSettings(change: CallValue<'setSettings'>): Promise<ConnectorSettings> {
    if (change.view !== undefined && change.view !== (await this.opts.settings.load()).view) {
      await this.opts.settings.update({ view: change.view });
      this.log.info(`window view: ${change.view}`);
    }
    if (change.cloudUrl !== undefined) await this.setCloud(change.cloudUrl);
    const settings = await this.settings();
    this.emit('settings', settings);
    return settings;
  }

  private async setCloud(url: string): Promise<void> {
    if (!isHttpUrl(url)) {
      throw new ContractError(CODES.INVALID_REQUEST, 'cloudUrl: must be an http(s) URL.');
    }
    const wanted = normaliseUrl(url);
    const bundled = this.bundledUrl ? normaliseUrl(this.bundledUrl) : null;
    const stored = wanted === bundled ? null : wanted;
    const current = await this.opts.settings.load();
    if (current.cloudUrl !== stored || !this.core) {
      await this.opts.settings.update({ cloudUrl: stored });
      this.log.info(`cloud: ${stored ?? `bundled (${bundled})`}`);
      await this.useCloud(stored);
    }
  }

  // --- the core ---------------------------------------------------------------------------------

  private currentCloudUrl(stored: string | null): string | null {
    return stored ?? this.bundledUrl;
  }

  /** Makes the core for a cloud (null: the bundled one), replacing the current one. */
  private async useCloud(stored: string | null) {
    const cloudUrl = this.currentCloudUrl(stored);
    if (!cloudUrl) {
      throw new ConnectorError(
        CODES.INVALID_REQUEST,
        'No cloud is configured: this host has no bundled cloud, set a cloud URL.',
      );
    }
    const old = this.core;
    if (old) {
      old.removeAllListeners();
      old.dispose();
    }
    const { deviceId } = await this.opts.settings.load();
    this.cloudKey = cloudKeyOf(stored);
    const options: ConnectorCoreOptions = {
      cloudUrl: normaliseUrl(cloudUrl),
      deviceId,
      browser: this.opts.browser,
      secrets: this.opts.secretsFor(this.cloudKey),
      log: this.log,
      timeline: this.timeline,
      now: this.now,
      ...(this.opts.heartbeatMs ? { heartbeatMs: this.opts.heartbeatMs } : {}),
      ...(this.opts.redirectUri ? { redirectUri: this.opts.redirectUri } : {}),
    };
    const core = this.opts.createCore ? this.opts.createCore(options) : new ConnectorCore(options);
    core.on('state', (s: ConnectorSnapshot) => this.emit('state', s));
    core.on('notification', (n: ClientNotification) => this.emit('notification', n));
    core.on('dismissNotification', (id: string) => this.emit('dismissNotification', id));
    this.core = core;
    this.emit('state', core.snapshot());
    await core.start();
  }
}

/** Maps anything thrown to the envelope's error: a catalog code and a message. */
export function toCallError(e: unknown): { code: string; message: string } {
  if (e instanceof ConnectorError || e instanceof ContractError) {
    return { code: e.code, message: e.message };
  }
  const c = toConnectorError(e);
  return { code: c.code, message: c.message };
}
