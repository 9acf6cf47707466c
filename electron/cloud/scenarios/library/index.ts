/**
 * The scenario library: every scenario file, in the order the list shows them. Each file is
 * checked against the schema when it loads (defineScenario).
 */
import type { Scenario } from '../schema.js';
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

export const SCENARIOS: readonly Scenario[] = [
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

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
