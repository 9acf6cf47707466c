/** IdP configuration as the admin API and the admin console see it (never includes a token). */
import type { z } from 'zod';
import type { idpChange, idpConfig } from '../contract/cloud-api/admin.js';

export const IDP_PROTOCOLS = ['saml', 'oidc'] as const;
export const IDP_VENDORS = ['okta', 'entra', 'ping', 'generic'] as const;

export type IdpProtocol = (typeof IDP_PROTOCOLS)[number];
export type IdpVendor = (typeof IDP_VENDORS)[number];

/** The shape is the admin API's (shared/contract/cloud-api/admin.ts idpConfig), written once there. */
export type IdpConfig = z.output<typeof idpConfig>;

/** Fields of IdpConfig computed for the view, not stored. */
export type IdpViewOnlyField =
  | 'scimEndpoint'
  | 'scimTokenSet'
  | 'scimPolicyEffectiveAt'
  | 'scimPolicyGuidance'
  | 'scimEnabled'
  | 'enableScimBasedPolicy'
  | 'disableSamlBasedPolicy';

/** One recorded change of an IdP configuration field. */
export type IdpChange = z.output<typeof idpChange>;
