import type { SimulatedClock } from '../clock/clock.js';
import type { IdpService } from '../idp-config/idp-service.js';
import type { IdpTrust } from '../idp-trust.js';
import type { Store } from '../store/types.js';
import type { LoginCompleter } from './types.js';

/**
 * What sign-in (the SAML SP, the ACS and the OIDC ID token check) uses of the cloud, named one
 * by one; the composition root (services.ts) builds each and hands them over. Functions take a
 * `Pick` of it: only what they read.
 */
export interface AuthDeps {
  store: Store;
  clock: SimulatedClock;
  idps: IdpService;
  /** Completes sign-ins into connector sessions (auth/sessions.ts). */
  login: LoginCompleter;
  /** The cloud's public base URL, e.g. http://127.0.0.1:8787 (known once listening). */
  baseUrl(): string;
  /** How sign-in trusts the IdPs (their keys, issuers and URLs). */
  idpTrust: IdpTrust;
}
