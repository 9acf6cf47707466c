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
  /** Absolute base URL of this IdP's SCIM service; /Users, /Groups, ... are appended. */
  scimEndpoint: string;
  /** Whether a SCIM bearer token has been generated (the token itself is never shown again). */
  scimTokenSet: boolean;
  scimTokenCreatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One recorded change of an IdP configuration field. */
export interface IdpChange {
  idpId: string;
  at: string;
  field: string;
  from: unknown;
  to: unknown;
}
