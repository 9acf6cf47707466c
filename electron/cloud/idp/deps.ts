import type { SimulatedClock } from '../clock/clock.js';
import type { CloudEvents } from '../events.js';
import type { IdpService } from '../idp-config/idp-service.js';
import type { Store } from '../store/types.js';

/**
 * What the bundled IdPs (SAML and OIDC) use of the cloud, named one by one; the composition
 * root (services.ts) builds each and hands them over. Functions take a `Pick` of it: only what
 * they read.
 */
export interface IdpDeps {
  store: Store;
  clock: SimulatedClock;
  events: CloudEvents;
  idps: IdpService;
  tenantId: string;
  /** The cloud's public base URL, e.g. http://127.0.0.1:8787 (known once listening). */
  baseUrl(): string;
  /** SHA-256 of the admin token, for admin scopes (http/admin-scope.ts). */
  adminTokenHash: string;
}
