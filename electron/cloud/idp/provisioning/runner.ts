/** The push client of one IdP: its loop, its sessions, Entra ID's cycles and PingFederate's polls. */
import { randomUUID } from 'node:crypto';
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { ProvisioningSettings } from '../../store/types.js';
import type { ProvisioningContext } from './engine.js';
import type { DirectoryReader } from '../directory/reader.js';
import { takeDueRun, type DueRun } from './due-run.js';
import { requestBaseUrl } from './options.js';
import type { ProvisioningService } from './provisioning-service.js';
import { PushProgress } from './push-progress.js';
import { PushSession } from './push-session.js';
import type { PushWorker } from './push-worker-client.js';
import type { WorkerRun } from './push-worker-protocol.js';
import { planCycle, pusherOf } from './pushers.js';
import { cycleFailed, PING_POLL_INTERVAL_MS } from './schedule.js';
import { filterQuery, isOk, ScimClient, scimString } from './scim-client.js';
import type { CycleSummary, EntraState, PingState, PushMode } from './types.js';
import { pushUser, type UserOutcome, type UserSnapshot } from './user-push.js';
import { applyOutcome, snapshotOf } from './user-outcome.js';
import { entraState, entraStateAfterCycle, pingState, userAgentOf } from './vendor-state.js';

/** What a runner needs of the engine that owns it. */
export interface RunnerHost {
  readonly closing: boolean;
  readonly ctx: ProvisioningContext;
  readonly service: ProvisioningService;
  /** The thread big pushes run their users in, beside the SCIM server's. */
  readonly pushWorker: PushWorker;
  /** Pushes of at least this many users run in the worker (fewer: here, no worker to start). */
  readonly workerMinUsers: number;
  /** Counts users pushed here (the worker counts its own). */
  countInThread(n: number): void;
}

/** The client a runner pushes with: made anew when its endpoint, token or concurrency change. */
interface RunnerClient {
  key: string;
  config: WorkerRun['client'];
  client: ScimClient;
}

/** The push client of one IdP: one loop at a time, requests in parallel up to `concurrency`. */
export class Runner {
  running: Promise<void> | null = null;
  private client: RunnerClient | null = null;
  private session: PushSession | null = null;
  /** One directory reader per turn of the event loop: users read together share its scope. */
  private turnReader: DirectoryReader | null = null;
  readonly progress: PushProgress;

  constructor(
    private readonly engine: RunnerHost,
    readonly idpId: string,
  ) {
    this.progress = new PushProgress(() => engine.ctx.clock.now());
  }

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
        this.progress.finish();
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
      // Claimed here, or by another instance on the database (then no longer due).
      const { store, clock } = this.engine.ctx;
      const run = takeDueRun(store.provisioning, this.idpId, vendor, clock.now());
      if (run) {
        if (vendor === 'entra') await this.entraCycle(run);
        else await this.pingPoll(run);
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
      const config = {
        baseUrl: requestBaseUrl(settings.baseUrl!),
        token: settings.token!,
        userAgent: userAgentOf(vendor),
        maxSockets: concurrency,
      };
      this.client = {
        key,
        config,
        client: new ScimClient({
          ...config,
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
    this.engine.pushWorker.closeClient(this.idpId);
  }

  /** Users first, then groups (a group's members must exist before they are added). */
  private async process(session: PushSession, keys: string[]) {
    const pusher = pusherOf(session.vendor);
    const concurrency = (
      this.service.options(session.vendor, session.settings) as { concurrency: number }
    ).concurrency;
    const users = keys.filter((k) => k.startsWith('user:'));
    const groups = keys.filter((k) => k.startsWith('group:'));
    this.progress.add(keys);
    await this.pushUsers(session, users, concurrency);
    await this.pool(session, groups, concurrency, (k) => pusher.syncGroup(session, k.slice(6)));
  }

  /**
   * Users go through user-push.ts: in the push worker for a big push (its HTTP and per-user
   * requests on the other core; twice the concurrency in flight to it, so it never waits for
   * this thread), else here. Either way the outcome is applied here, where the store is.
   */
  private async pushUsers(session: PushSession, keys: string[], concurrency: number) {
    const worker = this.engine.pushWorker;
    const { client, key, config } = this.client!;
    const { vendor, settings, mode } = session;
    const userRun = { idpId: this.idpId, vendor, settings, mode };
    const here = (snap: UserSnapshot) => {
      this.engine.countInThread(1);
      return pushUser(userRun, snap, client);
    };
    const inWorker = keys.length >= this.engine.workerMinUsers && !worker.broken;
    const runId = inWorker
      ? worker.openRun({
          runner: this.idpId,
          clientKey: key,
          client: config,
          run: userRun,
          concurrency,
        })
      : 0;
    const push = async (k: string) => {
      const snap = snapshotOf(session, this.readerOfTurn(session), k.slice(5));
      const apply = (outcome: UserOutcome) => {
        try {
          applyOutcome(session, outcome);
          // An unexpected error (logged by applyOutcome) counts as a failure.
          if (outcome.error) session.failedKeys.add(k);
        } catch (e) {
          console.error(`Provisioning error (IdP ${this.idpId}, ${k}):`, e);
          this.service.logEvent(this.idpId, 'internal-error', `${k}: ${String(e)}`);
          session.failedKeys.add(k);
        }
      };
      if (!inWorker) return apply(await here(snap));
      // The worker applies a batch of outcomes in one transaction; one that died meanwhile
      // leaves the rest of the push to this thread.
      await worker.push(runId, snap, apply).catch(async () => apply(await here(snap)));
    };
    try {
      await this.pool(session, keys, inWorker ? concurrency * 2 : concurrency, push);
    } finally {
      if (inWorker) worker.endRun(runId);
    }
  }

  private readerOfTurn(session: PushSession): DirectoryReader {
    if (!this.turnReader) {
      this.turnReader = session.reader();
      setImmediate(() => (this.turnReader = null));
    }
    return this.turnReader;
  }

  private async pool(
    session: PushSession,
    keys: string[],
    concurrency: number,
    fn: (key: string) => Promise<void>,
  ) {
    let next = 0;
    const worker = async () => {
      while (next < keys.length && !this.engine.closing) {
        const key = keys[next++]!;
        let failed = true;
        try {
          await fn(key);
          failed = session.failedKeys.has(key);
        } catch (e) {
          console.error(`Provisioning error (IdP ${this.idpId}, ${key}):`, e);
          this.service.logEvent(this.idpId, 'internal-error', `${key}: ${String(e)}`);
        } finally {
          this.progress.settled(key, failed);
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

  /** One Entra provisioning cycle (claimed: due-run.ts): probe, users in scope or changed, then groups. */
  private async entraCycle({ settings, mode, startedAt }: DueRun) {
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
      const after = entraStateAfterCycle(cur, { summary, failed, detail, startedAt, now });
      disabled = after.disabled;
      return after.state;
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

  /** One PingFederate poll of the directory (claimed: due-run.ts). */
  private async pingPoll({ settings, mode, startedAt }: DueRun) {
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
}
