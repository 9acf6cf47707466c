/**
 * Back to the demo tenant: connected connectors are told their session is revoked, then the
 * IdPs go (with their directories, SCIM users and groups, SCIM tokens, provisioning state and
 * signing keys), the policies and the SCIM sync log are emptied, the clock returns to real time
 * and the demo tenant is seeded again, as on a new database. One function over the services, so
 * that a cloud of several tenants can reset each one alone.
 */
import { POLICY_TYPES } from '../../../shared/model/policy.js';
import { seedDemoPolicies } from '../policy/index.js';
import { seedDemoTenant } from '../seed/demo-tenant.js';
import type { CloudServices } from '../services.js';

/** The settings keys that mark the demo tenant and its policies as seeded. */
const SEEDED_KEYS = ['seeded.demo', 'seeded.policies'];

export function resetTenant(services: CloudServices): void {
  const { store, broker, idps, policy, clock } = services;
  for (const session of store.auth.sessions()) broker.revoke(session.id);
  for (const idp of idps.list()) idps.remove(idp.id);
  for (const type of POLICY_TYPES) {
    for (const rule of policy.listRules(type)) policy.removeRule(type, rule.id);
  }
  for (const segment of policy.listSegments()) policy.removeSegment(segment.id);
  for (const group of policy.listSegmentGroups()) policy.removeSegmentGroup(group.id);
  store.syncLog.pruneBefore(Number.MAX_SAFE_INTEGER);
  clock.realTime();
  for (const key of SEEDED_KEYS) store.settings.set(key, '');
  // A workshop tenant's own organisations (acme-3.example…), not the default ones.
  store.transaction(() => {
    seedDemoTenant(store, idps, clock, services.demoDomains);
    seedDemoPolicies({ store, clock, idps, policy, domains: services.demoDomains });
  });
}
