import type { IdpConfig } from '../../../../shared/model/idp.js';
import { LOOPBACK_REDIRECT } from '../../../../shared/contract/cloud-api/connector.js';
import type { IdpDeps } from '../deps.js';

/** The one client of every bundled OIDC IdP: the Client Connector (public, native, PKCE). */
export const OIDC_CLIENT_ID = 'client-connector';

/** `groups` is this IdP's own scope for the groups claim; department and title ride on profile. */
export const OIDC_SCOPES = ['openid', 'email', 'profile', 'groups'];

/** Where the IdP is mounted, relative to the cloud's base URL. */
export const oidcMountPath = (idpId: string): string => `/idp/${encodeURIComponent(idpId)}/oidc`;

export const oidcIssuer = (ctx: Pick<IdpDeps, 'baseUrl'>, idpId: string): string =>
  `${ctx.baseUrl()}${oidcMountPath(idpId)}`;

/** What the connector needs to run authorization code + PKCE against the IdP itself. */
export function oidcClientConfig(
  ctx: Pick<IdpDeps, 'baseUrl'>,
  idp: IdpConfig,
): { issuer: string; clientId: string; redirectUri: string; scopes: string[] } {
  return {
    issuer: oidcIssuer(ctx, idp.id),
    clientId: OIDC_CLIENT_ID,
    redirectUri: LOOPBACK_REDIRECT,
    scopes: [...OIDC_SCOPES],
  };
}
