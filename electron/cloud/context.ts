import type { IdpService } from './idp-config/idp-service.js';
import type { LoginCompleter } from './auth/types.js';
import type { SimulatedClock } from './clock/clock.js';
import type { CloudEvents } from './events.js';
import type { IdpTrust } from './idp-trust.js';
import type { ScimService } from './scim/service.js';
import type { Store } from './store/types.js';

/** What every part of the cloud may use; built once, in the composition root (services.ts). */
export interface CloudContext {
  store: Store;
  clock: SimulatedClock;
  events: CloudEvents;
  idps: IdpService;
  scim: ScimService;
  /** Completes sign-ins into connector sessions (auth/sessions.ts). */
  login: LoginCompleter;
  tenantId: string;
  /** The cloud's public base URL, e.g. http://127.0.0.1:8787 (known once listening). */
  baseUrl(): string;
  /** How sign-in trusts the IdPs (their keys, issuers and URLs). */
  idpTrust: IdpTrust;
  /** SHA-256 of the admin token, for admin scopes (http/admin-scope.ts). */
  adminTokenHash: string;
}
