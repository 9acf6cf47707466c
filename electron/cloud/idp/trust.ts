import type { IdpDeps } from './deps.js';
import type { IdpTrust } from '../idp-trust.js';
import { OIDC_CLIENT_ID, oidcIssuer } from './oidc/client-config.js';
import { oidcPublicJwk } from './oidc/signing-keys.js';
import { samlIdpSsoUrl } from './saml/endpoints.js';
import { samlSigningKey } from './saml/signing-key.js';
import { samlIdpEntityId } from './saml/vendor-profiles.js';

/** The bundled IdPs as sign-in sees them (see IdpTrust). */
export function bundledIdpTrust(
  ctx: Pick<IdpDeps, 'store' | 'clock' | 'baseUrl' | 'tenantId'>,
): IdpTrust {
  return {
    samlEntityId: (idp) => samlIdpEntityId(ctx, idp),
    samlSsoUrl: (idp) => samlIdpSsoUrl(ctx, idp.id),
    samlCertificatePem: async (idp) => (await samlSigningKey(ctx, idp)).certificatePem,
    oidcIssuer: (idp) => oidcIssuer(ctx, idp.id),
    oidcClientId: OIDC_CLIENT_ID,
    oidcPublicJwk: (idp) => oidcPublicJwk(ctx.store, idp.id),
  };
}
