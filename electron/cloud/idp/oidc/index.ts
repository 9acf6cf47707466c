/** The bundled OIDC identity provider (oidc-provider), one per OIDC IdP configuration. */
export { oidcProviderRoutes } from './routes.js';
export { oidcClientConfig, oidcIssuer, OIDC_CLIENT_ID, OIDC_SCOPES } from './client-config.js';
