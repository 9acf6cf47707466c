import { randomUUID } from 'node:crypto';
import type { IdpVendor } from '../../../../shared/model/idp.js';
import { NotFoundError, ConflictError, InvalidError } from '../../domain-errors.js';
import type { IdpService } from '../../idp-config/idp-service.js';
import { isoTime, type Clock } from '../../clock/clock.js';
import type { CloudEvents } from '../../events.js';
import type {
  NewProvisioningLogEntry,
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
  ProvisioningState,
  ScimCallResult,
  Store,
} from '../../store/types.js';
import { type DirectoryReader, type DirectoryService } from '../directory/directory-service.js';
import type { DirectoryChange } from '../directory/types.js';
import { oktaUserTransition, type OktaUserEvent } from './okta-rules.js';
import {
  entraOptions,
  oktaOptions,
  pingOptions,
  requestBaseUrl,
  vendorOptionsSchema,
} from './options.js';
import { filterQuery, isOk, ScimClient, scimString, type ScimResponse } from './scim-client.js';
import type { EntraState, PingState, ProvisioningConfigView } from './types.js';

export const isOktaLike = (vendor: IdpVendor) => vendor === 'okta' || vendor === 'generic';

/** The User-Agent of each vendor's SCIM client. Only Okta's is documented (domain.md §3.1). */
export function userAgentOf(vendor: IdpVendor): string {
  switch (vendor) {
    case 'entra':
      return 'Microsoft Entra ID Provisioning (simulated)';
    case 'ping':
      return 'PingFederate Zscaler ZPA Connector (simulated)';
    default:
      return 'Okta SCIM Client 1.0.0';
  }
}

export interface ConfigureInput {
  enabled: boolean;
  baseUrl?: string | null;
  /** Omitted: keep the stored token. */
  token?: string;
  vendorOptions?: Record<string, unknown>;
}

/** Hooks of the push engine (startProvisioning); absent while no engine runs. */
export interface EngineHooks {
  wake(idpId: string): void;
  retryAt(idpId: string, key: string, at: number | null): void;
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
export class ProvisioningService {
  private readonly queues = new Map<string, Set<string>>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private engine: EngineHooks | undefined;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly events: CloudEvents,
    readonly idps: IdpService,
    readonly directory: DirectoryService,
  ) {
    events.on('directory.changed', (c) => this.onDirectoryChange(c));
    events.on('idp.deleted', ({ idpId }) => {
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
      vendorOptions: this.options(idp.vendor, s) as unknown as Record<string, unknown>,
      enabledAt: s.enabledAt !== null ? isoTime(s.enabledAt) : null,
      updatedAt: s.updatedAt ? isoTime(s.updatedAt) : null,
    };
  }

  /** The effective vendor options, with defaults. */
  options(vendor: IdpVendor, s: ProvisioningSettings) {
    if (vendor === 'entra') return entraOptions(s.vendorOptions, s.baseUrl);
    if (vendor === 'ping') return pingOptions(s.vendorOptions);
    return oktaOptions(s.vendorOptions);
  }

  configure(idpId: string, input: ConfigureInput): ProvisioningConfigView {
    const idp = this.idps.get(idpId);
    const now = this.clock.now();
    const current = this.settings(idpId);
    let vendorOptions = current.vendorOptions;
    if (input.vendorOptions !== undefined) {
      const parsed = vendorOptionsSchema(idp.vendor).safeParse(input.vendorOptions);
      if (!parsed.success) {
        throw new InvalidError(
          'invalid_request',
          parsed.error.issues
            .map((i) => `vendorOptions.${i.path.join('.') || '(object)'}: ${i.message}`)
            .join('; '),
        );
      }
      vendorOptions = input.vendorOptions;
    }
    const baseUrl = input.baseUrl === undefined ? current.baseUrl : input.baseUrl;
    if (baseUrl !== null) {
      try {
        requestBaseUrl(baseUrl);
      } catch {
        throw new InvalidError('invalid_request', `baseUrl: not an absolute URL: ${baseUrl}`);
      }
    }
    const token = input.token ?? current.token;
    if (input.enabled && (baseUrl === null || token === null)) {
      throw new InvalidError(
        'provisioning_incomplete',
        'Provisioning needs the SCIM Service Provider Endpoint (baseUrl) and a token before it can be enabled.',
      );
    }
    const turningOn = input.enabled && !current.enabled;
    const turningOff = !input.enabled && current.enabled;
    const next: ProvisioningSettings = {
      ...current,
      enabled: input.enabled,
      baseUrl,
      token,
      vendorOptions,
      enabledAt: turningOn ? now : current.enabledAt,
      updatedAt: now,
    };
    if (idp.vendor === 'entra') {
      const st = entraState(next);
      if (turningOn) {
        st.nextCycleAt = now;
        st.disabledReason = null;
      }
      if (turningOff) st.nextCycleAt = null;
      next.vendorState = { ...st };
    } else if (idp.vendor === 'ping') {
      const st = pingState(next);
      if (turningOn) st.nextPollAt = now;
      if (turningOff) st.nextPollAt = null;
      next.vendorState = { ...st };
    }
    this.store.provisioning.putSettings(idpId, next);
    if (turningOn || turningOff) {
      this.logEvent(idpId, turningOn ? 'provisioning-enabled' : 'provisioning-disabled', null);
    }
    if (turningOn && isOktaLike(idp.vendor)) this.oktaEnabled(idpId);
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
    return [...q];
  }

  queueSize(idpId: string): number {
    return this.queues.get(idpId)?.size ?? 0;
  }

  attach(engine: EngineHooks): () => void {
    this.engine = engine;
    return () => {
      if (this.engine === engine) this.engine = undefined;
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
    const id = `${idpId}|${key}`;
    const list = this.waiters.get(id);
    if (!list) return;
    this.waiters.delete(id);
    for (const resolve of list) resolve();
  }

  appendLog(idpId: string, entries: readonly NewProvisioningLogEntry[]) {
    this.store.provisioning.appendLog(idpId, entries);
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
  // Okta's event-driven rules

  private onDirectoryChange(c: DirectoryChange) {
    const s = this.store.provisioning.settings(c.idpId);
    if (!s?.enabled) return;
    const idp = this.idps.stored(c.idpId);
    if (!idp || !isOktaLike(idp.config.vendor)) return;
    const flag = oktaOptions(s.vendorOptions).provisionOutOfSyncUsers;
    const reader = this.directory.reader(c.idpId);
    const user = (id: string, event: OktaUserEvent) =>
      this.applyOktaUser(c.idpId, reader, flag, id, event);

    for (const id of c.scope.left) user(id, 'left');
    for (const id of c.scope.entered) user(id, 'entered');
    switch (c.kind) {
      case 'user.updated':
        for (const id of c.userIds) user(id, 'changed');
        break;
      case 'user.deactivated':
        for (const id of c.userIds) user(id, 'deactivated');
        break;
      case 'user.reactivated':
        for (const id of c.userIds) user(id, 'reactivated');
        break;
      case 'user.deleted':
        for (const id of c.userIds) user(id, c.hard ? 'deleted' : 'left');
        break;
      case 'group.pushed':
        this.oktaGroupPushed(c.idpId, c.groupId!, reader);
        break;
      case 'group.unpushed':
      case 'group.deleted': {
        const rec = this.object(c.idpId, 'group', c.groupId!);
        if (rec) {
          this.saveObject(c.idpId, { ...rec, deleteInTarget: c.deleteInTarget !== false }, rec);
          this.enqueue(c.idpId, groupKey(rec.id));
        }
        break;
      }
      case 'group.updated':
      case 'group.members':
        if (this.object(c.idpId, 'group', c.groupId!)) this.enqueue(c.idpId, groupKey(c.groupId!));
        break;
      default:
        break;
    }
  }

  private applyOktaUser(
    idpId: string,
    reader: DirectoryReader,
    provisionOutOfSyncUsers: boolean,
    userId: string,
    event: OktaUserEvent,
  ) {
    const u = reader.user(userId);
    const rec = this.object(idpId, 'user', userId);
    const decision = oktaUserTransition(rec, event, {
      id: userId,
      name: u?.userName ?? rec?.name ?? userId,
      active: !!u && u.deletedAt === null && u.active,
      inScope: reader.inScope(u),
      provisionOutOfSyncUsers,
      now: this.clock.now(),
    });
    if (decision.record === null) this.removeObject(idpId, 'user', userId);
    else if (decision.record) this.saveObject(idpId, decision.record, rec ?? null);
    if (decision.enqueue) this.enqueue(idpId, userKey(userId));
    return decision;
  }

  private oktaGroupPushed(idpId: string, groupId: string, reader: DirectoryReader) {
    const g = reader.group(groupId);
    if (!g) return;
    const rec = this.object(idpId, 'group', groupId);
    const now = this.clock.now();
    if (!rec) {
      this.saveObject(
        idpId,
        {
          type: 'group',
          id: groupId,
          name: g.name,
          state: 'pending',
          scimId: null,
          pushed: null,
          members: [],
          message: null,
          lastResult: null,
          attempts: 0,
          retryAt: null,
          since: now,
          updatedAt: now,
        },
        null,
      );
    } else if (rec.deleteInTarget) {
      const { deleteInTarget: _d, ...kept } = rec;
      this.saveObject(idpId, { ...kept, updatedAt: now }, rec);
    }
    this.enqueue(idpId, groupKey(groupId));
  }

  /** Provisioning switched on: Okta does not push what was assigned before (domain.md §1.8). */
  private oktaEnabled(idpId: string) {
    const s = this.settings(idpId);
    const flag = oktaOptions(s.vendorOptions).provisionOutOfSyncUsers;
    const reader = this.directory.reader(idpId);
    let outOfSync = 0;
    const seen = new Set<string>();
    for (const u of reader.users(false)) {
      seen.add(u.id);
      const d = this.applyOktaUser(idpId, reader, flag, u.id, 'enabled');
      if (d.record?.state === 'out_of_sync') outOfSync++;
    }
    for (const rec of this.store.provisioning.objects(idpId, 'user')) {
      if (!seen.has(rec.id) && rec.scimId) this.enqueue(idpId, userKey(rec.id));
    }
    for (const g of reader.groups())
      if (g.pushedAt !== null) this.oktaGroupPushed(idpId, g.id, reader);
    for (const rec of this.store.provisioning.objects(idpId, 'group'))
      this.enqueue(idpId, groupKey(rec.id));
    if (outOfSync > 0) {
      this.logEvent(
        idpId,
        'out-of-sync',
        `${outOfSync} user(s) were assigned this application before Provisioning was enabled and were not provisioned.`,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Admin actions

  /**
   * Okta "Provision User" (works without PROVISION_OUT_OF_SYNC_USERS), Entra "Provision on
   * demand", or an immediate sync for PingFederate. Resolves once the push is done when an
   * engine runs.
   */
  async provisionUser(idpId: string, userId: string) {
    const vendor = this.vendorOf(idpId);
    const s = this.settings(idpId);
    if (!s.enabled) {
      throw new ConflictError('provisioning_disabled', 'Provisioning is not enabled for this IdP.');
    }
    const reader = this.directory.reader(idpId);
    const u = reader.user(userId);
    if (!u || u.deletedAt !== null) {
      throw new NotFoundError('not_found', `No directory user ${userId}.`);
    }
    if (!reader.inScope(u)) {
      throw new ConflictError(
        'not_assigned',
        `${u.userName} is not assigned to the application (directly or through a group).`,
      );
    }
    if (!u.active) {
      throw new ConflictError('user_inactive', `${u.userName} is deactivated.`);
    }
    if (isOktaLike(vendor)) {
      this.applyOktaUser(
        idpId,
        reader,
        oktaOptions(s.vendorOptions).provisionOutOfSyncUsers,
        userId,
        'provision',
      );
    } else {
      const rec = this.object(idpId, 'user', userId);
      if (rec && rec.state !== 'provisioned') {
        this.saveObject(
          idpId,
          { ...rec, state: 'pending', retryAt: null, updatedAt: this.clock.now() },
          rec,
        );
      }
      this.enqueue(idpId, userKey(userId));
    }
    this.logEvent(idpId, 'provision-user', null, { type: 'user', id: userId, name: u.userName });
    await this.waitFor(idpId, userKey(userId));
    return this.objectStatus(idpId, 'user', userId);
  }

  /**
   * Entra "Restart provisioning": a new initial cycle at once; clears the watermark, the
   * per-object back-off and quarantine. PingFederate: a full resync (provmgr reset). Okta has no
   * restart: the failed tasks are retried (Dashboard > Tasks > Retry).
   */
  restart(idpId: string) {
    const vendor = this.vendorOf(idpId);
    const s = this.settings(idpId);
    const now = this.clock.now();
    for (const rec of this.store.provisioning.objects(idpId)) {
      if (rec.attempts > 0 || rec.retryAt !== null || rec.state === 'failed') {
        const next = { ...rec, attempts: 0, retryAt: null, updatedAt: now };
        this.saveObject(idpId, next, rec);
        if (isOktaLike(vendor) && rec.state === 'failed') {
          this.enqueue(idpId, `${rec.type}:${rec.id}`);
        }
      }
    }
    if (vendor === 'entra') {
      this.updateVendorState<EntraState>(idpId, (st) => ({
        ...entraState({ ...s, vendorState: st as unknown as Record<string, unknown> }),
        initialCycleDone: false,
        watermark: null,
        quarantine: null,
        disabledReason: null,
        nextCycleAt: s.enabled ? now : null,
      }));
    } else if (vendor === 'ping') {
      this.updateVendorState<PingState>(idpId, (st) => ({
        ...pingState({ ...s, vendorState: st as unknown as Record<string, unknown> }),
        initialSyncDone: false,
        nextPollAt: s.enabled ? now : null,
      }));
    }
    this.logEvent(idpId, 'restart', null);
    this.engine?.wake(idpId);
    return this.status(idpId);
  }

  /**
   * Okta "Test API Credentials": GET /Users?startIndex=1&count=2 and GET /Groups?startIndex=1&count=100.
   * Entra "Test Connection": a user and a group that cannot exist. With `override`, tests what
   * the admin typed before saving it.
   */
  async testConnection(idpId: string, override: { baseUrl?: string; token?: string } = {}) {
    const vendor = this.vendorOf(idpId);
    const s = this.settings(idpId);
    const baseUrl = override.baseUrl ?? s.baseUrl;
    const token = override.token ?? s.token;
    if (!baseUrl || !token) {
      throw new InvalidError(
        'provisioning_incomplete',
        'Give the SCIM Service Provider Endpoint (baseUrl) and a token to test.',
      );
    }
    let requestBase: string;
    try {
      requestBase = requestBaseUrl(baseUrl);
    } catch {
      throw new InvalidError('invalid_request', `baseUrl: not an absolute URL: ${baseUrl}`);
    }
    const entries: NewProvisioningLogEntry[] = [];
    const client = new ScimClient({
      baseUrl: requestBase,
      token,
      userAgent: userAgentOf(vendor),
      maxSockets: 1,
      now: () => this.clock.now(),
      record: (e) => entries.push(e),
      timeoutMs: 15_000,
    });
    const meta = { operation: 'test-connection' };
    const calls: ScimResponse[] = [];
    try {
      if (vendor === 'entra' || vendor === 'ping') {
        const probe = randomUUID();
        calls.push(
          await client.get(`/Users?${filterQuery(`userName eq ${scimString(probe)}`)}`, meta),
        );
        if (vendor === 'entra' && isOk(calls[0]!)) {
          calls.push(
            await client.get(
              `/Groups?excludedAttributes=members&${filterQuery(`displayName eq ${scimString(probe)}`)}`,
              meta,
            ),
          );
        }
      } else {
        calls.push(await client.get('/Users?startIndex=1&count=2', meta));
        if (isOk(calls[0]!)) calls.push(await client.get('/Groups?startIndex=1&count=100', meta));
      }
    } finally {
      client.close();
      this.appendLog(idpId, entries);
    }
    const failed = calls.find((c) => !isOk(c));
    return {
      ok: !failed,
      message: failed
        ? `The SCIM endpoint refused the test: ${failed.method} ${failed.path} answered ${failed.status === 0 ? 'nothing' : `HTTP ${failed.status}`}${failed.detail ? ` (${failed.detail})` : ''}.`
        : 'The SCIM endpoint and token were verified successfully.',
      calls: calls.map((c) => ({
        method: c.method,
        path: c.path,
        status: c.status,
        durationMs: c.durationMs,
        scimType: c.scimType,
        detail: c.detail,
      })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Views

  objectStatus(idpId: string, type: ProvisioningObjectType, id: string) {
    const reader = this.directory.reader(idpId);
    const rec = this.object(idpId, type, id);
    return objectView(type, id, rec, reader, this.settings(idpId).enabled, this.vendorOf(idpId));
  }

  status(idpId: string) {
    const idp = this.idps.get(idpId);
    const s = this.settings(idpId);
    const reader = this.directory.reader(idpId);
    const users = [];
    const seen = new Set<string>();
    const records = new Map(this.store.provisioning.objects(idpId, 'user').map((r) => [r.id, r]));
    for (const u of reader.users(true)) {
      seen.add(u.id);
      const rec = records.get(u.id);
      if (!rec && !reader.inScope(u)) continue;
      users.push(objectView('user', u.id, rec, reader, s.enabled, idp.vendor));
    }
    for (const rec of records.values()) {
      if (!seen.has(rec.id))
        users.push(objectView('user', rec.id, rec, reader, s.enabled, idp.vendor));
    }
    const groups = [];
    const groupRecords = new Map(
      this.store.provisioning.objects(idpId, 'group').map((r) => [r.id, r]),
    );
    const groupSeen = new Set<string>();
    for (const g of reader.groups()) {
      groupSeen.add(g.id);
      const rec = groupRecords.get(g.id);
      const inScope = isOktaLike(idp.vendor) ? g.pushedAt !== null : g.assignedAt !== null;
      if (!rec && !inScope) continue;
      groups.push(objectView('group', g.id, rec, reader, s.enabled, idp.vendor));
    }
    for (const rec of groupRecords.values()) {
      if (!groupSeen.has(rec.id))
        groups.push(objectView('group', rec.id, rec, reader, s.enabled, idp.vendor));
    }
    return {
      idpId,
      vendor: idp.vendor,
      enabled: s.enabled,
      configured: s.baseUrl !== null && s.token !== null,
      enabledAt: s.enabledAt !== null ? isoTime(s.enabledAt) : null,
      counts: { users: countStates(users), groups: countStates(groups) },
      queued: this.queueSize(idpId),
      vendorState: this.vendorStateView(idp.vendor, s),
      users,
      groups,
    };
  }

  private vendorStateView(vendor: IdpVendor, s: ProvisioningSettings) {
    const t = (ms: number | null | undefined) => (typeof ms === 'number' ? isoTime(ms) : null);
    const cycle = (c: EntraState['lastCycle']) =>
      c && { ...c, startedAt: t(c.startedAt), endedAt: t(c.endedAt) };
    if (vendor === 'entra') {
      const st = entraState(s);
      return {
        status: st.disabledReason
          ? 'disabled'
          : st.quarantine
            ? 'quarantined'
            : s.enabled
              ? 'running'
              : 'stopped',
        initialCycleDone: st.initialCycleDone,
        cycles: st.cycles,
        watermark: t(st.watermark),
        lastCycle: cycle(st.lastCycle),
        nextCycleAt: s.enabled ? t(st.nextCycleAt) : null,
        quarantine: st.quarantine && { ...st.quarantine, since: t(st.quarantine.since) },
        disabledReason: st.disabledReason,
        aadOptscim062020: entraOptions(s.vendorOptions, s.baseUrl).aadOptscim062020,
      };
    }
    if (vendor === 'ping') {
      const st = pingState(s);
      return {
        initialSyncDone: st.initialSyncDone,
        polls: st.polls,
        lastPoll: cycle(st.lastPoll),
        nextPollAt: s.enabled ? t(st.nextPollAt) : null,
        removeUserAction: pingOptions(s.vendorOptions).removeUserAction,
      };
    }
    return {
      orgFlags: {
        PROVISION_OUT_OF_SYNC_USERS: oktaOptions(s.vendorOptions).provisionOutOfSyncUsers,
      },
    };
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
    const { total, entries } = this.store.provisioning.log(idpId, q);
    return { total, entries: entries.map((e) => ({ ...e, at: isoTime(e.at) })) };
  }
}

type ViewState = ProvisioningState | 'not_provisioned';

function objectView(
  type: ProvisioningObjectType,
  id: string,
  rec: ProvisioningObject | undefined,
  reader: DirectoryReader,
  enabled: boolean,
  vendor: IdpVendor,
) {
  const t = (ms: number | null | undefined) => (typeof ms === 'number' ? isoTime(ms) : null);
  let inScope: boolean;
  let name = rec?.name ?? id;
  let exists = true;
  if (type === 'user') {
    const u = reader.user(id);
    exists = !!u;
    inScope = reader.inScope(u);
    if (u) name = u.userName;
  } else {
    const g = reader.group(id);
    exists = !!g;
    inScope = !!g && (isOktaLike(vendor) ? g.pushedAt !== null : g.assignedAt !== null);
    if (g) name = g.name;
  }
  // An assigned object without a record: Entra/Ping pick it up at their next cycle; for Okta it
  // was never pushed (assigned while provisioning was off, or deactivated).
  const state: ViewState =
    rec?.state ?? (enabled && !isOktaLike(vendor) ? 'pending' : 'not_provisioned');
  const last: ScimCallResult | null = rec?.lastResult ?? null;
  return {
    id,
    name,
    state,
    scimId: rec?.scimId ?? null,
    inScope,
    existsInDirectory: exists,
    message: rec?.message ?? null,
    lastResult: last && { ...last, at: isoTime(last.at) },
    attempts: rec?.attempts ?? 0,
    retryAt: t(rec?.retryAt),
    since: t(rec?.since),
    updatedAt: t(rec?.updatedAt),
    ...(type === 'group' ? { members: rec?.members?.length ?? 0 } : {}),
  };
}

function countStates(items: { state: ViewState }[]) {
  const counts: Record<ViewState, number> = {
    provisioned: 0,
    out_of_sync: 0,
    failed: 0,
    pending: 0,
    deprovisioned: 0,
    not_provisioned: 0,
  };
  for (const i of items) counts[i.state]++;
  return { ...counts, total: items.length };
}

export function entraState(s: ProvisioningSettings): EntraState {
  const v = s.vendorState as Partial<EntraState>;
  return {
    initialCycleDone: v.initialCycleDone ?? false,
    watermark: v.watermark ?? null,
    nextCycleAt: v.nextCycleAt ?? null,
    cycles: v.cycles ?? 0,
    lastCycle: v.lastCycle ?? null,
    quarantine: v.quarantine ?? null,
    disabledReason: v.disabledReason ?? null,
  };
}

export function pingState(s: ProvisioningSettings): PingState {
  const v = s.vendorState as Partial<PingState>;
  return {
    initialSyncDone: v.initialSyncDone ?? false,
    nextPollAt: v.nextPollAt ?? null,
    polls: v.polls ?? 0,
    lastPoll: v.lastPoll ?? null,
  };
}
