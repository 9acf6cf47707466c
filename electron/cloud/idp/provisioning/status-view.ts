/** What the admin console shows of provisioning: each object's state and the IdP's status. */
import type { IdpVendor } from '../../../../shared/model/idp.js';
import { isoTime } from '../../clock/clock.js';
import type {
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
  ScimCallResult,
} from '../../store/types.js';
import type { DirectoryReader } from '../directory/reader.js';
import { entraOptions, oktaOptions, pingOptions } from './options.js';
import type { ProvisioningService } from './provisioning-service.js';
import type { EntraState, ProvisioningObjectView, ProvisioningStatusView } from './types.js';
import { entraState, isOktaLike, pingState } from './vendor-state.js';

export function objectStatus(
  svc: ProvisioningService,
  idpId: string,
  type: ProvisioningObjectType,
  id: string,
) {
  const reader = svc.directory.reader(idpId);
  const rec = svc.object(idpId, type, id);
  return objectView(type, id, rec, reader, svc.settings(idpId).enabled, svc.vendorOf(idpId));
}

export function provisioningStatus(
  svc: ProvisioningService,
  idpId: string,
): ProvisioningStatusView {
  const idp = svc.idps.get(idpId);
  const s = svc.settings(idpId);
  const reader = svc.directory.reader(idpId);
  const users = [];
  const seen = new Set<string>();
  const records = new Map(svc.store.provisioning.objects(idpId, 'user').map((r) => [r.id, r]));
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
    svc.store.provisioning.objects(idpId, 'group').map((r) => [r.id, r]),
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
    queued: svc.queueSize(idpId),
    vendorState: vendorStateView(idp.vendor, s),
    users,
    groups,
  };
}

function vendorStateView(
  vendor: IdpVendor,
  s: ProvisioningSettings,
): ProvisioningStatusView['vendorState'] {
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

type ViewState = ProvisioningObjectView['state'];

function objectView(
  type: ProvisioningObjectType,
  id: string,
  rec: ProvisioningObject | undefined,
  reader: DirectoryReader,
  enabled: boolean,
  vendor: IdpVendor,
): ProvisioningObjectView {
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
  // Okta's out-of-sync flag is on the assignment: an unassigned user is not shown flagged
  // (okta-rules.ts keeps the record, Okta's memory of it, for a reassignment).
  const unflagged = rec?.state === 'out_of_sync' && !inScope;
  const state: ViewState = unflagged
    ? 'not_provisioned'
    : (rec?.state ?? (enabled && !isOktaLike(vendor) ? 'pending' : 'not_provisioned'));
  const last: ScimCallResult | null = rec?.lastResult ?? null;
  return {
    id,
    name,
    state,
    scimId: rec?.scimId ?? null,
    inScope,
    existsInDirectory: exists,
    message: unflagged ? null : (rec?.message ?? null),
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
