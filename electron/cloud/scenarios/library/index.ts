/**
 * The scenario library: every scenario file, in the order the list shows them. Each file is
 * checked against the schema when it loads (defineScenario), and builds the scenario for a
 * tenant's own organisations: a workshop attendee's scenarios use alice@acme-k.example.
 */
import { DEMO_DOMAINS, type DemoDomains } from '../../seed/demo-domains.js';
import type { Scenario, ScenarioTemplate } from '../schema.js';
import entraQuarantine from './entra-quarantine.js';
import idpCertificateRotation from './idp-certificate-rotation.js';
import idpChangeNewNameid from './idp-change-new-nameid.js';
import idpChangeSameNameid from './idp-change-same-nameid.js';
import idpDisabled from './idp-disabled.js';
import oktaDeactivateUsersOff from './okta-deactivate-users-off.js';
import oktaOutOfSync from './okta-out-of-sync.js';
import pingDeprovision from './ping-deprovision.js';
import samlClockSkew from './saml-clock-skew.js';
import scimAttributesForPolicy from './scim-attributes-for-policy.js';
import scimDeactivated from './scim-deactivated.js';
import scimTokenRegenerated from './scim-token-regenerated.js';
import scimUserUpdatedReauth from './scim-user-updated-reauth.js';
import timeoutExpiry from './timeout-expiry.js';
import unknownDomain from './unknown-domain.js';

const LIBRARY: readonly ScenarioTemplate[] = [
  oktaOutOfSync,
  oktaDeactivateUsersOff,
  scimDeactivated,
  scimAttributesForPolicy,
  scimUserUpdatedReauth,
  timeoutExpiry,
  idpCertificateRotation,
  idpChangeSameNameid,
  idpChangeNewNameid,
  idpDisabled,
  unknownDomain,
  entraQuarantine,
  pingDeprovision,
  samlClockSkew,
  scimTokenRegenerated,
];

/** Every scenario, for these organisations (the demo tenant's unless said). */
export const scenariosFor = (domains: DemoDomains = DEMO_DOMAINS): Scenario[] =>
  LIBRARY.map((t) => t.for(domains));

/** The demo tenant's scenarios. */
export const SCENARIOS: readonly Scenario[] = scenariosFor();

export function findScenario(
  id: string,
  domains: DemoDomains = DEMO_DOMAINS,
): Scenario | undefined {
  return LIBRARY.find((t) => t.id === id)?.for(domains);
}
