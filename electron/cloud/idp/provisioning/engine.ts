/**
 * The push engine: runs each IdP's SCIM client on the simulated clock. Okta pushes as soon as an
 * event queues an object; Entra ID runs an initial cycle then incremental cycles every 40
 * minutes (quarantined: 6 h, 12 h, 24 h, then daily); PingFederate polls every minute. Due work
 * is checked on a real-time interval and at once when the clock is fast-forwarded, and several
 * due ticks collapse into one run.
 */
import { randomUUID } from 'node:crypto';
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { SimulatedClock } from '../../clock/clock.js';
import type { CloudEvents } from '../../events.js';
import type { IdpService } from '../../idp-config/idp-service.js';
import type { ProvisioningSettings, Store } from '../../store/types.js';
import { requestBaseUrl } from './options.js';
import {
  entraState,
  pingState,
  userAgentOf,
  type ProvisioningService,
} from './provisioning-service.js';
import { PushSession } from './push-session.js';
import { entraPusher, oktaPusher, pingPusher, planCycle, type Pusher } from './pushers.js';
import { filterQuery, isOk, ScimClient, scimString } from './scim-client.js';
import type { CycleSummary, EntraState, PingState, PushMode } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Entra ID's fixed interval between cycles ("approximately every 40 minutes"). */
export const ENTRA_CYCLE_INTERVAL_MS = 40 * MINUTE;
/** PingFederate's default synchronization frequency. */
export const PING_POLL_INTERVAL_MS = MINUTE;
/** Entra disables a job that has been in quarantine for four weeks. */
export const QUARANTINE_DISABLE_AFTER_MS = 28 * DAY;
/** Push log lines are kept for two weeks of simulated time. */
const LOG_RETENTION_MS = 14 * DAY;

/** When a quarantined job runs again: 6 h, 12 h, 24 h after the first failure, then daily. */
export function quarantineRetryAt(since: number, failedCycles: number): number {
  if (failedCycles <= 1) return since + 6 * HOUR;
  if (failedCycles === 2) return since + 12 * HOUR;
  return since + 24 * HOUR * (failedCycles - 2);
}

/** A cycle fails when the probe is refused or most of its requests fail (quarantine). */
export function cycleFailed(calls: number, failures: number, probeRefused: boolean): boolean {
  return probeRefused || (calls > 0 && failures / calls > 0.5);
}

/** When the vendor's next cycle or poll is due (null: none scheduled). */
export function nextDue(vendor: IdpVendor, settings: ProvisioningSettings): number | null {
  if (!settings.enabled) return null;
  if (vendor === 'entra') {
    const st = entraState(settings);
    return st.disabledReason ? null : st.nextCycleAt;
  }
  if (vendor === 'ping') return pingState(settings).nextPollAt;
  return null;
}

const pusherOf = (vendor: IdpVendor): Pusher =>
  vendor === 'entra' ? entraPusher : vendor === 'ping' ? pingPusher : oktaPusher;

export interface ProvisioningContext {
  store: Store;
  clock: SimulatedClock;
  events: CloudEvents;
  idps: IdpService;
  provisioning: ProvisioningService;
}

export interface ProvisioningEngine {
  /** Stops the timers and waits for the pushes in flight. */
  close(): Promise<void>;
  /** Resolves when no push is running or queued for the IdP (tests, benchmarks). */
  idle(idpId: string): Promise<void>;
}

/** Starts the push engine of every IdP of the cloud context. */
export function startProvisioning(
  ctx: ProvisioningContext,
  options: { tickMs?: number } = {},
): ProvisioningEngine {
  const engine = new Engine(ctx, ctx.provisioning, options.tickMs ?? 250);
  engine.start();
  return engine;
}

class Engine implements ProvisioningEngine {
  closing = false;
  private readonly runners = new Map<string, Runner>();
  private readonly retries = new Map<string, Map<string, number>>();
  private readonly pendingWakes = new Set<string>();
  private wakeScheduled = false;
  private readonly cleanups: (() => void)[] = [];
  private lastPrune = 0;

  constructor(
    readonly ctx: ProvisioningContext,
    readonly service: ProvisioningService,
    private readonly tickMs: number,
  ) {}

  start() {
    this.cleanups.push(
      this.service.attach({
        wake: (idpId) => this.scheduleWake(idpId),
        retryAt: (idpId, key, at) => this.setRetry(idpId, key, at),
      }),
    );
    this.cleanups.push(this.ctx.clock.onAdvance(() => this.check()));
    this.cleanups.push(
      this.ctx.events.on('idp.deleted', ({ idpId }) => {
        this.retries.delete(idpId);
        this.runners.get(idpId)?.closeClient();
        this.runners.delete(idpId);
      }),
    );
    const timer = setInterval(() => this.check(), this.tickMs);
    timer.unref();
    this.cleanups.push(() => clearInterval(timer));

    // Resume what a previous run left: queued pushes and scheduled retries.
    for (const idpId of this.ctx.store.provisioning.idpIds()) {
      if (!this.ctx.idps.stored(idpId)) continue;
      for (const rec of this.ctx.store.provisioning.objects(idpId)) {
        if (rec.retryAt !== null) this.setRetry(idpId, `${rec.type}:${rec.id}`, rec.retryAt);
        else if (rec.state === 'pending') this.service.enqueue(idpId, `${rec.type}:${rec.id}`);
      }
    }
    this.check();
  }

  /** Runs what is due: retries whose time came, cycles and polls. Never throws. */
  check() {
    if (this.closing) return;
    try {
      const now = this.ctx.clock.now();
      for (const [idpId, keys] of this.retries) {
        for (const [key, at] of keys) {
          if (at > now) continue;
          keys.delete(key);
          this.service.enqueue(idpId, key);
        }
      }
      for (const idpId of this.ctx.store.provisioning.idpIds()) {
        const idp = this.ctx.idps.stored(idpId);
        if (!idp) continue;
        const due = nextDue(idp.config.vendor, this.service.settings(idpId));
        if (due !== null && due <= now) this.runner(idpId).wake();
      }
      if (now - this.lastPrune > HOUR) {
        this.lastPrune = now;
        this.ctx.store.provisioning.pruneLogBefore(now - LOG_RETENTION_MS);
      }
    } catch (e) {
      console.error('Provisioning scheduler error:', e);
    }
  }

  private setRetry(idpId: string, key: string, at: number | null) {
    let keys = this.retries.get(idpId);
    if (at === null) {
      keys?.delete(key);
      return;
    }
    if (!keys) this.retries.set(idpId, (keys = new Map()));
    keys.set(key, at);
  }

  /** Wakes on the next turn of the event loop, so a burst of events is pushed as one batch. */
  private scheduleWake(idpId: string) {
    if (this.closing) return;
    this.pendingWakes.add(idpId);
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const ids = [...this.pendingWakes];
      this.pendingWakes.clear();
      for (const id of ids) this.runner(id).wake();
    });
  }

  runner(idpId: string): Runner {
    let r = this.runners.get(idpId);
    if (!r) this.runners.set(idpId, (r = new Runner(this, idpId)));
    return r;
  }

  async idle(idpId: string): Promise<void> {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const r = this.runners.get(idpId);
      if (r?.running) {
        await r.running;
        continue;
      }
      if (this.pendingWakes.has(idpId)) continue;
      const idp = this.ctx.idps.stored(idpId);
      const s = this.service.settings(idpId);
      if (this.closing || !idp || !s.enabled || !s.baseUrl || !s.token) return;
      const due = nextDue(idp.config.vendor, s);
      if (this.service.queueSize(idpId) === 0 && (due === null || due > this.ctx.clock.now())) {
        return;
      }
      const runner = this.runner(idpId);
      runner.wake();
      if (!runner.running) return;
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const c of this.cleanups.splice(0)) c();
    await Promise.all([...this.runners.values()].map((r) => r.running ?? Promise.resolve()));
    for (const r of this.runners.values()) r.closeClient();
  }
}

/** The push client of one IdP: one loop at a time, requests in parallel up to `concurrency`. */
class Runner {
  running: Promise<void> | null = null;
  private client: { key: string; client: ScimClient } | null = null;
  private session: PushSession | null = null;

  constructor(
    private readonly engine: Engine,
    readonly idpId: string,
  ) {}

  private get service() {
    return this.engine.service;
  }

  wake() {
    if (this.running || this.engine.closing) return;
    this.running = this.loop()
      .catch((e: unknown) => {
        console.error(`Provisioning error (IdP ${this.idpId}):`, e);
        this.service.logEvent(this.idpId, 'internal-error', String(e));
      })
      .finally(() => {
        this.running = null;
        this.session = null;
      });
  }

  private async loop() {
    for (;;) {
      if (this.engine.closing) return;
      const idp = this.engine.ctx.idps.stored(this.idpId);
      if (!idp) return;
      const settings = this.service.settings(this.idpId);
      if (!settings.enabled || !settings.baseUrl || !settings.token) return;
      const vendor = idp.config.vendor;
      const due = nextDue(vendor, settings);
      if (due !== null && due <= this.engine.ctx.clock.now()) {
        if (vendor === 'entra') await this.entraCycle(settings);
        else await this.pingPoll(settings);
        continue;
      }
      const keys = this.service.takeQueue(this.idpId);
      if (keys.length === 0) return;
      const session = this.newSession(vendor, settings, 'incremental');
      await this.process(session, keys);
    }
  }

  private newSession(vendor: IdpVendor, settings: ProvisioningSettings, mode: PushMode) {
    const concurrency = (this.service.options(vendor, settings) as { concurrency: number })
      .concurrency;
    const key = `${vendor}|${settings.baseUrl}|${settings.token}|${concurrency}`;
    if (this.client?.key !== key) {
      this.client?.client.close();
      this.client = {
        key,
        client: new ScimClient({
          baseUrl: requestBaseUrl(settings.baseUrl!),
          token: settings.token!,
          userAgent: userAgentOf(vendor),
          maxSockets: concurrency,
          now: () => this.engine.ctx.clock.now(),
          record: (entry) => {
            this.session?.noteCall(entry.status ?? 0);
            this.service.appendLog(this.idpId, [entry]);
          },
        }),
      };
    }
    this.session = new PushSession(
      this.service,
      this.idpId,
      vendor,
      settings,
      this.client.client,
      mode,
      () => this.engine.closing,
    );
    return this.session;
  }

  closeClient() {
    this.client?.client.close();
    this.client = null;
  }

  /** Users first, then groups (a group's members must exist before they are added). */
  private async process(session: PushSession, keys: string[]) {
    const pusher = pusherOf(session.vendor);
    const concurrency = (
      this.service.options(session.vendor, session.settings) as { concurrency: number }
    ).concurrency;
    const users = keys.filter((k) => k.startsWith('user:'));
    const groups = keys.filter((k) => k.startsWith('group:'));
    await this.pool(users, concurrency, (k) => pusher.syncUser(session, k.slice(5)));
    await this.pool(groups, concurrency, (k) => pusher.syncGroup(session, k.slice(6)));
  }

  private async pool(keys: string[], concurrency: number, fn: (key: string) => Promise<void>) {
    let next = 0;
    const worker = async () => {
      while (next < keys.length && !this.engine.closing) {
        const key = keys[next++]!;
        try {
          await fn(key);
        } catch (e) {
          console.error(`Provisioning error (IdP ${this.idpId}, ${key}):`, e);
          this.service.logEvent(this.idpId, 'internal-error', `${key}: ${String(e)}`);
        } finally {
          this.service.processed(this.idpId, key);
        }
      }
      // Keys a closing engine did not get to stay queued for the next start.
      if (this.engine.closing) {
        while (next < keys.length) this.service.enqueue(this.idpId, keys[next++]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  }

  private summary(session: PushSession, mode: PushMode, startedAt: number): CycleSummary {
    return {
      kind: mode,
      startedAt,
      endedAt: this.engine.ctx.clock.now(),
      calls: session.calls,
      failures: session.failures,
      usersVisited: session.visited.users,
      groupsVisited: session.visited.groups,
      outcome: 'succeeded',
      detail: null,
    };
  }

  /** One Entra provisioning cycle: probe, users in scope or changed, then groups. */
  private async entraCycle(settings: ProvisioningSettings) {
    const clock = this.engine.ctx.clock;
    const before = entraState(settings);
    const mode: PushMode = before.initialCycleDone ? 'incremental' : 'initial';
    const startedAt = clock.now();
    this.service.updateVendorState<EntraState>(this.idpId, (st) => ({
      ...st,
      nextCycleAt: null,
      lastCycle: { ...this.emptySummary(mode, startedAt), outcome: 'running' },
    }));
    this.service.logEvent(this.idpId, 'cycle-start', `${mode} cycle`);
    const session = this.newSession('entra', settings, mode);
    // Every cycle starts by looking up a user that cannot exist (endpoint and token check).
    const probe = await session.client.get(
      `/Users?${filterQuery(`userName eq ${scimString(randomUUID())}`)}`,
      { operation: 'probe' },
    );
    const probeRefused = !isOk(probe) && probe.status !== 404;
    if (!probeRefused && !this.engine.closing) {
      const plan = planCycle(session);
      await this.process(session, [
        ...plan.users.map((u) => `user:${u}`),
        ...plan.groups.map((g) => `group:${g}`),
      ]);
    }
    if (this.engine.closing) {
      this.service.updateVendorState<EntraState>(this.idpId, (st) => ({
        ...st,
        nextCycleAt: startedAt,
      }));
      return;
    }
    const summary = this.summary(session, mode, startedAt);
    const failed = cycleFailed(session.calls, session.failures, probeRefused);
    const detail = probeRefused
      ? `The SCIM endpoint refused the request: HTTP ${probe.status}${probe.detail ? ` ${probe.detail}` : ''}`
      : failed
        ? `${session.failures} of ${session.calls} requests failed.`
        : null;
    summary.outcome = failed ? 'failed' : 'succeeded';
    summary.detail = detail;
    const now = summary.endedAt!;
    let disabled: string | null = null;
    const st = this.service.updateVendorState<EntraState>(this.idpId, (raw) => {
      const cur = entraState({
        ...settings,
        vendorState: raw as unknown as Record<string, unknown>,
      });
      const base = { ...cur, cycles: cur.cycles + 1, lastCycle: summary };
      // Restarted meanwhile: the restart's initial cycle is what comes next.
      if (cur.nextCycleAt !== null) return base;
      if (!failed) {
        return {
          ...base,
          initialCycleDone: true,
          watermark: startedAt,
          quarantine: null,
          nextCycleAt: now + ENTRA_CYCLE_INTERVAL_MS,
        };
      }
      const q = cur.quarantine ?? {
        since: startedAt,
        reason: 'EncounteredQuarantineException' as const,
        detail: detail ?? '',
        failedCycles: 0,
      };
      const quarantine = { ...q, detail: detail ?? q.detail, failedCycles: q.failedCycles + 1 };
      if (now - quarantine.since >= QUARANTINE_DISABLE_AFTER_MS) {
        disabled = 'The provisioning job was disabled after four weeks in quarantine.';
        return { ...base, quarantine, nextCycleAt: null, disabledReason: disabled };
      }
      return {
        ...base,
        quarantine,
        nextCycleAt: Math.max(now, quarantineRetryAt(quarantine.since, quarantine.failedCycles)),
      };
    });
    this.service.logEvent(
      this.idpId,
      failed ? 'quarantine' : 'cycle-end',
      failed
        ? `EncounteredQuarantineException: ${detail}; next attempt ${new Date(st.nextCycleAt ?? 0).toISOString()}`
        : `${mode} cycle: ${session.calls} requests, ${session.failures} failed`,
    );
    if (disabled) this.service.disable(this.idpId, disabled);
  }

  /** One PingFederate poll of the directory. */
  private async pingPoll(settings: ProvisioningSettings) {
    const clock = this.engine.ctx.clock;
    const mode: PushMode = pingState(settings).initialSyncDone ? 'incremental' : 'initial';
    const startedAt = clock.now();
    this.service.updateVendorState<PingState>(this.idpId, (st) => ({ ...st, nextPollAt: null }));
    const session = this.newSession('ping', settings, mode);
    const plan = planCycle(session);
    await this.process(session, [
      ...plan.users.map((u) => `user:${u}`),
      ...plan.groups.map((g) => `group:${g}`),
    ]);
    if (this.engine.closing) {
      this.service.updateVendorState<PingState>(this.idpId, (st) => ({
        ...st,
        nextPollAt: startedAt,
      }));
      return;
    }
    const summary = this.summary(session, mode, startedAt);
    if (session.failures > 0) {
      summary.outcome = 'failed';
      summary.detail = `${session.failures} of ${session.calls} requests failed.`;
    }
    const now = summary.endedAt!;
    this.service.updateVendorState<PingState>(this.idpId, (raw) => {
      const cur = pingState({
        ...settings,
        vendorState: raw as unknown as Record<string, unknown>,
      });
      const base = { ...cur, polls: cur.polls + 1, lastPoll: summary };
      if (cur.nextPollAt !== null) return base;
      return { ...base, initialSyncDone: true, nextPollAt: now + PING_POLL_INTERVAL_MS };
    });
    if (session.calls > 0) {
      this.service.logEvent(
        this.idpId,
        'poll',
        `${mode} sync: ${session.calls} requests, ${session.failures} failed`,
      );
    }
  }

  private emptySummary(mode: PushMode, startedAt: number): CycleSummary {
    return {
      kind: mode,
      startedAt,
      endedAt: null,
      calls: 0,
      failures: 0,
      usersVisited: 0,
      groupsVisited: 0,
      outcome: 'running',
      detail: null,
    };
  }
}
