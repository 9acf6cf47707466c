/** IdP configuration as the admin API and the admin console see it (never includes a token). */
export const IDP_PROTOCOLS = ['saml', 'oidc'] as const;
export const IDP_VENDORS = ['okta', 'entra', 'ping', 'generic'] as const;

export type IdpProtocol = (typeof IDP_PROTOCOLS)[number];
export type IdpVendor = (typeof IDP_VENDORS)[number];

export interface IdpConfig {
  id: string;
  name: string;
  protocol: IdpProtocol;
  vendor: IdpVendor;
  /** Email domains whose users sign in through this IdP (IdP discovery). */
  domains: string[];
  /** SSO status; a disabled IdP refuses sign-in (ZPA code 42042). */
  enabled: boolean;
  samlAttributesForPolicy: boolean;
  scimSyncEnabled: boolean;
  scimAttributesForPolicy: boolean;
  /** When "SCIM Attributes for Policy" was first switched on; sessions older than it are not SCIM-ready. */
  scimAttributesForPolicyFirstEnabledAt: string | null;
  /** Emulates the real cloud's 50 SCIM updates per second limit. Off by default. */
  scimRateLimitEnabled: boolean;
  /** Signed-in users must reauthenticate when their user is updated (ZPA `reauthOnUserUpdate`). */
  reauthOnUserUpdate: boolean;
  /** When SCIM Sync was first switched on; null while it never was. */
  scimSyncFirstEnabledAt: string | null;
  /**
   * Minutes after SCIM Sync was first enabled before SCIM-based rules take effect on the
   * simulated clock: 0 (default) at once; the real service advises waiting 48 hours to a week.
   */
  scimPolicyDelayMinutes: number;
  /** When SCIM-based rules take effect (view only); null while SCIM Sync was never enabled. */
  scimPolicyEffectiveAt: string | null;
  /** The real service's guidance on that wait (view only). */
  scimPolicyGuidance: string;
  /** The real ZPA API's names for our flags (view only; accepted on input): idp-input.ts. */
  scimEnabled: boolean;
  enableScimBasedPolicy: boolean;
  disableSamlBasedPolicy: boolean;
  /** Absolute base URL of this IdP's SCIM service; /Users, /Groups, ... are appended. */
  scimEndpoint: string;
  /** Whether a SCIM bearer token has been generated (the token itself is never shown again). */
  scimTokenSet: boolean;
  scimTokenCreatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

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
export interface IdpChange {
  idpId: string;
  at: string;
  field: string;
  from: unknown;
  to: unknown;
}
