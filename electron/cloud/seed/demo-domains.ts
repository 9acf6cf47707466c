/**
 * The demo tenant's two organisations by their email domains: Acme (Okta SAML) and Globex (OIDC).
 * The seed derives every user name and app domain from these, so a workshop seeds attendee k's
 * tenant at acme-k.example and globex-k.example from the same seed.
 */
export interface DemoDomains {
  /** The Okta (SAML) organisation, e.g. acme.example. */
  acme: string;
  /** The OIDC organisation, e.g. globex.example. */
  globex: string;
}

export const DEMO_DOMAINS: DemoDomains = { acme: 'acme.example', globex: 'globex.example' };

/** Attendee k's organisations in a workshop: acme-k.example and globex-k.example. */
export const attendeeDomains = (k: number): DemoDomains => ({
  acme: `acme-${k}.example`,
  globex: `globex-${k}.example`,
});
