/**
 * The push engine: runs each IdP's SCIM client on the simulated clock. Okta pushes as soon as an
 * event queues an object; Entra ID runs an initial cycle then incremental cycles every 40
 * minutes (quarantined: 6 h, 12 h, 24 h, then daily); PingFederate polls every minute. Due work
 * is checked on a real-time interval and at once when the clock is fast-forwarded, and several
 * due ticks collapse into one run.
 */
import type { SimulatedClock } from '../../clock/clock.js';
import type { CloudEvents } from '../../events.js';
import type { IdpService } from '../../idp-config/idp-service.js';
import type { Store } from '../../store/types.js';
import type { ProvisioningService } from './provisioning-service.js';
import { NO_PUSH_YET } from './push-progress.js';
import { PushWorker } from './push-worker-client.js';
import { Runner } from './runner.js';
import { HOUR, LOG_RETENTION_MS, nextDue } from './schedule.js';

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
  /** Users pushed so far, in the push worker and in the engine's own thread. */
  userPushes(): { inWorker: number; inThread: number };
}

/**
 * Pushes of at least this many users run their users in the push worker. A smaller one is done
 * sooner here than a worker starts (about a second from source, under load).
 */
export const WORKER_MIN_USERS = 100;

/** Starts the push engine of every IdP of the cloud context. */
export function startProvisioning(
  ctx: ProvisioningContext,
  options: { tickMs?: number; workerMinUsers?: number } = {},
): ProvisioningEngine {
  const engine = new Engine(
    ctx,
    ctx.provisioning,
    options.tickMs ?? 250,
    options.workerMinUsers ?? WORKER_MIN_USERS,
  );
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
  readonly pushWorker: PushWorker;
  private usersInThread = 0;

  constructor(
    readonly ctx: ProvisioningContext,
    readonly service: ProvisioningService,
    private readonly tickMs: number,
    readonly workerMinUsers: number,
  ) {
    this.pushWorker = new PushWorker(
      () => ctx.clock.now(),
      (fn) => ctx.store.transaction(fn),
    );
  }

  countInThread(n: number) {
    this.usersInThread += n;
  }

  userPushes() {
    return { inWorker: this.pushWorker.usersPushed, inThread: this.usersInThread };
  }

  start() {
    this.cleanups.push(
      this.service.attach({
        wake: (idpId) => this.scheduleWake(idpId),
        retryAt: (idpId, key, at) => this.setRetry(idpId, key, at),
        progress: (idpId) => this.runners.get(idpId)?.progress.view() ?? NO_PUSH_YET,
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
    await this.pushWorker.close();
    this.service.flushLog();
  }
}
