import { randomUUID } from 'node:crypto';
import { NO_PUSH_YET, type ProvisioningProgress } from './push-progress.js';
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { IdpService } from '../../idp-config/idp-service.js';
import { isoTime, type Clock } from '../../clock/clock.js';
import type { CloudEvents } from '../../events.js';
import type {
  NewProvisioningLogEntry,
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
  Store,
} from '../../store/types.js';
import type { DirectoryService } from '../directory/directory-service.js';
import { oktaEnabled, onDirectoryChange } from './okta-directory-rules.js';
import { entraOptions, oktaOptions, pingOptions } from './options.js';
import { nextSettings, type ConfigureInput } from './settings-input.js';
import { objectStatus, provisioningStatus } from './status-view.js';
import { provisionUser, restartProvisioning } from './admin-actions.js';
import { testConnection } from './test-connection.js';
import type { ProvisioningConfigView } from './types.js';
import { isOktaLike } from './vendor-state.js';
import { WriteBehind } from '../../store/write-behind.js';

export type { ConfigureInput } from './settings-input.js';

/** Hooks of the push engine (startProvisioning); absent while no engine runs. */
export interface EngineHooks {
  wake(idpId: string): void;
  retryAt(idpId: string, key: string, at: number | null): void;
  progress(idpId: string): ProvisioningProgress;
}

export const userKey = (id: string) => `user:${id}`;
export const groupKey = (id: string) => `group:${id}`;

const DEFAULT_SETTINGS = (): ProvisioningSettings => ({
  enabled: false,
  baseUrl: null,
  token: null,
  vendorOptions: {},
  enabledAt: null,
  updatedAt: 0,
  vendorState: {},
});

/**
 * The provisioning (SCIM push) side of each bundled IdP, without timers or HTTP pushes: the
 * configuration, the synchronous state transitions that directory changes cause (Okta's rules),
 * the queue of objects to push, status and log views, and the admin actions. The engine
 * (engine.ts) does the pushing.
 */
/** How long push-log lines wait to be written together. */
const LOG_FLUSH_MS = 20;

/** Provisioning log entries waiting to be written, with the IdP they belong to. */
interface PendingLog {
  idpId: string;
  entries: readonly NewProvisioningLogEntry[];
}

/** How long a claim on queued items lasts (wall clock): an instance that died frees them then. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** When items another instance holds are tried again. */
const CLAIM_RETRY_MS = 1_000;

export class ProvisioningService {
  private readonly queues = new Map<string, Set<string>>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private engine: EngineHooks | undefined;
  /** This instance, as the owner of the queued items it claims (several share a database). */
  private readonly instance = randomUUID();

  private readonly pendingLog = new WriteBehind<PendingLog>(
    (pending) =>
      this.store.transaction(() => {
        for (const p of pending) this.store.provisioning.appendLog(p.idpId, p.entries);
      }),
    LOG_FLUSH_MS,
    'Provisioning log',
    true,
  );

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly events: CloudEvents,
    readonly idps: IdpService,
    readonly directory: DirectoryService,
  ) {
    events.on('directory.changed', (c) => onDirectoryChange(this, c));
    events.on('idp.deleted', ({ idpId }) => {
      this.pendingLog.keepOnly((p) => p.idpId !== idpId);
      this.store.provisioning.removeAllOfIdp(idpId);
      this.queues.delete(idpId);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Configuration

  vendorOf(idpId: string): IdpVendor {
    return this.idps.get(idpId).vendor;
  }

  settings(idpId: string): ProvisioningSettings {
    return this.store.provisioning.settings(idpId) ?? DEFAULT_SETTINGS();
  }

  config(idpId: string): ProvisioningConfigView {
    const idp = this.idps.get(idpId);
    const s = this.settings(idpId);
    return {
      idpId,
      vendor: idp.vendor,
      enabled: s.enabled,
      baseUrl: s.baseUrl,
      tokenSet: s.token !== null,
      ...this.optionsView(idp.vendor, s),
      enabledAt: s.enabledAt !== null ? isoTime(s.enabledAt) : null,
      updatedAt: s.updatedAt ? isoTime(s.updatedAt) : null,
    };
  }

  /** The options as shown: Okta's To App switches beside the other options. */
  private optionsView(vendor: IdpVendor, s: ProvisioningSettings) {
    const options = this.options(vendor, s);
    if (!('toApp' in options)) return { vendorOptions: { ...options }, toApp: null };
    const { toApp, ...vendorOptions } = options;
    return { vendorOptions, toApp };
  }

  /** The effective vendor options, with defaults. */
  options(vendor: IdpVendor, s: ProvisioningSettings) {
    if (vendor === 'entra') return entraOptions(s.vendorOptions, s.baseUrl);
    if (vendor === 'ping') return pingOptions(s.vendorOptions);
    return oktaOptions(s.vendorOptions);
  }

  configure(idpId: string, input: ConfigureInput): ProvisioningConfigView {
    const idp = this.idps.get(idpId);
    const current = this.settings(idpId);
    const next = nextSettings(idp.vendor, current, input, this.clock.now());
    const turningOn = next.enabled && !current.enabled;
    const turningOff = !next.enabled && current.enabled;
    this.store.provisioning.putSettings(idpId, next);
    if (turningOn || turningOff) {
      this.logEvent(idpId, turningOn ? 'provisioning-enabled' : 'provisioning-disabled', null);
    }
    if (turningOn && isOktaLike(idp.vendor)) oktaEnabled(this, idpId);
    this.engine?.wake(idpId);
    return this.config(idpId);
  }

  updateVendorState<T extends object>(idpId: string, fn: (state: T) => T): T {
    const s = this.settings(idpId);
    const vendorState = fn(s.vendorState as T);
    this.store.provisioning.putSettings(idpId, {
      ...s,
      vendorState: vendorState as Record<string, unknown>,
    });
    return vendorState;
  }

  /** Switches provisioning off (Entra disables a job after four weeks in quarantine). */
  disable(idpId: string, reason: string) {
    const s = this.settings(idpId);
    this.store.provisioning.putSettings(idpId, {
      ...s,
      enabled: false,
      updatedAt: this.clock.now(),
    });
    this.logEvent(idpId, 'provisioning-disabled', reason);
  }

  // -------------------------------------------------------------------------------------------
  // Objects, queue, log (shared with the engine)

  object(idpId: string, type: ProvisioningObjectType, id: string) {
    return this.store.provisioning.object(idpId, type, id);
  }

  saveObject(idpId: string, next: ProvisioningObject, previous?: ProvisioningObject | null) {
    const before = previous === undefined ? this.object(idpId, next.type, next.id) : previous;
    this.store.provisioning.putObject(idpId, next);
    if (!before || before.state !== next.state || before.scimId !== next.scimId) {
      this.events.emit('provisioning.objectChanged', {
        idpId,
        objectType: next.type,
        objectId: next.id,
        name: next.name,
        state: next.state,
        previousState: before?.state ?? null,
        scimId: next.scimId,
      });
    }
    this.engine?.retryAt(idpId, `${next.type}:${next.id}`, next.retryAt);
  }

  removeObject(idpId: string, type: ProvisioningObjectType, id: string) {
    const before = this.object(idpId, type, id);
    if (!before) return;
    this.store.provisioning.removeObject(idpId, type, id);
    this.events.emit('provisioning.objectChanged', {
      idpId,
      objectType: type,
      objectId: id,
      name: before.name,
      state: 'removed',
      previousState: before.state,
      scimId: null,
    });
    this.engine?.retryAt(idpId, `${type}:${id}`, null);
  }

  enqueue(idpId: string, key: string) {
    let q = this.queues.get(idpId);
    if (!q) this.queues.set(idpId, (q = new Set()));
    q.add(key);
    this.engine?.wake(idpId);
  }

  /** Takes every queued key of the IdP (users first, in queue order). */
  takeQueue(idpId: string): string[] {
    const q = this.queues.get(idpId);
    if (!q || q.size === 0) return [];
    this.queues.delete(idpId);
    return this.claim(idpId, [...q]);
  }

  /**
   * The items this instance may push: those another instance on the same database holds (it
   * is pushing them) are tried again a moment later, so a change queued here meanwhile is
   * pushed after theirs, not lost. Released one by one as processed.
   */
  private claim(idpId: string, keys: string[]): string[] {
    const now = Date.now();
    const until = now + CLAIM_LEASE_MS;
    const claimed = this.store.provisioning.claim(idpId, keys, this.instance, now, until);
    if (claimed.length < keys.length) {
      const mine = new Set(claimed);
      const retryAt = this.clock.now() + CLAIM_RETRY_MS;
      for (const key of keys) if (!mine.has(key)) this.engine?.retryAt(idpId, key, retryAt);
    }
    return claimed;
  }

  queueSize(idpId: string): number {
    return this.queues.get(idpId)?.size ?? 0;
  }

  attach(engine: EngineHooks): () => void {
    this.engine = engine;
    return () => {
      if (this.engine === engine) this.engine = undefined;
      // What this instance claimed and will not push now is free for the others.
      this.store.provisioning.releaseAll(this.instance);
      for (const [key, list] of this.waiters) {
        this.waiters.delete(key);
        for (const resolve of list) resolve();
      }
    };
  }

  /** Resolves once the engine has processed the key (or at once when no engine runs). */
  waitFor(idpId: string, key: string, timeoutMs = 65_000): Promise<void> {
    if (!this.engine) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const id = `${idpId}|${key}`;
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      const list = this.waiters.get(id);
      if (list) list.push(done);
      else this.waiters.set(id, [done]);
    });
  }

  processed(idpId: string, key: string) {
    this.store.provisioning.release(idpId, key, this.instance);
    const id = `${idpId}|${key}`;
    const list = this.waiters.get(id);
    if (!list) return;
    this.waiters.delete(id);
    for (const resolve of list) resolve();
  }

  /**
   * Push-log lines are written in one transaction every few milliseconds (a push makes thousands
   * of requests a second; a commit per line cost more than the request); every read of the log
   * writes what is pending first, so no reader sees it late.
   */
  /** The running (or last) push of the IdP, as its engine counts it. */
  progress(idpId: string): ProvisioningProgress {
    this.idps.get(idpId);
    return this.engine?.progress(idpId) ?? NO_PUSH_YET;
  }

  appendLog(idpId: string, entries: readonly NewProvisioningLogEntry[]) {
    this.pendingLog.add({ idpId, entries });
  }

  flushLog() {
    this.pendingLog.flush();
  }

  logEvent(
    idpId: string,
    operation: string,
    detail: string | null,
    object?: { type: ProvisioningObjectType; id: string; name: string },
  ) {
    this.appendLog(idpId, [
      {
        at: this.clock.now(),
        kind: 'event',
        objectType: object?.type ?? null,
        objectId: object?.id ?? null,
        name: object?.name ?? null,
        operation,
        method: null,
        path: null,
        status: null,
        scimType: null,
        detail,
        durationMs: null,
        request: null,
      },
    ]);
  }

  // -------------------------------------------------------------------------------------------
  // Admin actions

  /**
   * Okta "Provision User", Entra "Provision on demand", or an immediate PingFederate sync
   * (admin-actions.ts).
   */
  provisionUser(idpId: string, userId: string) {
    return provisionUser(this, idpId, userId);
  }

  /** Entra "Restart provisioning", a PingFederate full resync, Okta's retry (admin-actions.ts). */
  restart(idpId: string) {
    return restartProvisioning(this, idpId);
  }

  /** Asks the engine, if one runs, to look at the IdP's queue and schedule now. */
  wake(idpId: string): void {
    this.engine?.wake(idpId);
  }

  testConnection(idpId: string, override: { baseUrl?: string; token?: string } = {}) {
    return testConnection(this, idpId, override);
  }

  // -------------------------------------------------------------------------------------------
  // Views

  objectStatus(idpId: string, type: ProvisioningObjectType, id: string) {
    return objectStatus(this, idpId, type, id);
  }

  status(idpId: string) {
    return provisioningStatus(this, idpId);
  }

  log(
    idpId: string,
    q: {
      limit: number;
      offset: number;
      objectId?: string;
      kind?: 'request' | 'event';
      since?: number;
    },
  ) {
    this.idps.get(idpId);
    this.flushLog();
    const { total, entries } = this.store.provisioning.log(idpId, q);
    return { total, entries: entries.map((e) => ({ ...e, at: isoTime(e.at) })) };
  }
}
