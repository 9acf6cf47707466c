/**
 * The composition root: every service of the cloud is built here, once, and handed to what
 * needs it. Nothing else constructs a service or looks one up.
 */
import type { AuthDeps } from './auth/deps.js';
import { SessionService } from './auth/sessions.js';
import { Broker } from './broker/broker.js';
import type { SimulatedClock } from './clock/clock.js';
import { CloudEvents } from './events.js';
import { IdpService } from './idp-config/idp-service.js';
import type { IdpDeps } from './idp/deps.js';
import { bundledIdpTrust } from './idp/trust.js';
import { DirectoryService } from './idp/directory/index.js';
import { ProvisioningService } from './idp/provisioning/index.js';
import {
  PolicyService,
  bindDemoScimGroups,
  policyAccessDecider,
  seedDemoPolicies,
} from './policy/index.js';
import { ScenarioStage } from './scenarios/stage.js';
import { ScimService } from './scim/service.js';
import { SyncLogWriter } from './scim/sync-log-writer.js';
import { hashToken } from './security/tokens.js';
import { DEMO_DOMAINS, type DemoDomains } from './seed/demo-domains.js';
import { seedDemoTenant } from './seed/demo-tenant.js';
import type { Store } from './store/types.js';
import { tenantId } from './tenant.js';
import { TimelineRecorder } from './timeline/recorder.js';

/** Every service, and the named dependencies of the bundled IdPs (IdpDeps) and sign-in (AuthDeps). */
export interface CloudServices extends IdpDeps, AuthDeps {
  scim: ScimService;
  syncLog: SyncLogWriter;
  sessions: SessionService;
  directory: DirectoryService;
  provisioning: ProvisioningService;
  policy: PolicyService;
  broker: Broker;
  /** Keeps the timeline's own records (sign-in refusals, decisions, pushes, client transitions). */
  timeline: TimelineRecorder;
  scimBaseUrl(idpId: string): string;
  /** The demo tenant's organisations (a workshop tenant's own; a reset seeds them again). */
  demoDomains: DemoDomains;
  /** The scenario on show, built for demoDomains. */
  scenarios: ScenarioStage;
}

export function buildCloudServices(o: {
  store: Store;
  clock: SimulatedClock;
  adminToken: string;
  /** Known once the cloud listens. */
  baseUrl: () => string;
  seed: boolean;
  /** The demo tenant's organisations (seed/demo-domains.ts). */
  demoDomains?: DemoDomains;
}): CloudServices {
  const { store, clock } = o;
  const demoDomains = o.demoDomains ?? DEMO_DOMAINS;
  const events = new CloudEvents();
  const tenant = tenantId(store);
  const scimBaseUrl = (idpId: string) => `${o.baseUrl()}/scim/${tenant}/${idpId}/v2`;

  const idps = new IdpService(store, clock, events, scimBaseUrl);
  const scim = new ScimService(store, clock, events);
  const syncLog = new SyncLogWriter(store.syncLog, store.transaction);
  const sessions = new SessionService(store, clock, idps, events);
  const directory = new DirectoryService(store, clock, events, idps);
  const provisioning = new ProvisioningService(store, clock, events, idps, directory);
  const policy = new PolicyService(store, clock, events, idps);
  if (o.seed) {
    // One transaction: one commit instead of one per user, group and rule (a workshop seeds 100).
    store.transaction(() => {
      seedDemoTenant(store, idps, clock, demoDomains);
      seedDemoPolicies({ store, clock, idps, policy, domains: demoDomains });
    });
  }
  bindDemoScimGroups(store, events, policy);
  const timeline = new TimelineRecorder(store, clock);
  const decider = timeline.recordingDecider(policyAccessDecider(policy));
  const broker = new Broker(store, clock, events, idps, sessions, decider);
  timeline.listen(events, broker.hub);
  return {
    store,
    clock,
    events,
    idps,
    scim,
    login: sessions,
    tenantId: tenant,
    baseUrl: o.baseUrl,
    adminTokenHash: hashToken(o.adminToken),
    scimBaseUrl,
    demoDomains,
    scenarios: new ScenarioStage({ baseUrl: o.baseUrl, domains: demoDomains, events }),
    syncLog,
    sessions,
    directory,
    provisioning,
    policy,
    broker,
    timeline,
    idpTrust: bundledIdpTrust({ store, clock, baseUrl: o.baseUrl, tenantId: tenant }),
  };
}
