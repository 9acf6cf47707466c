import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { LOOPBACK_REDIRECT } from '../../../../shared/contract/cloud-api/connector.js';
import type { IdpDeps } from '../deps.js';
import { OIDC_CLIENT_ID, oidcIssuer } from './client-config.js';
import { oidcCookieKeys } from './cookie-keys.js';
import { accountById, accountClaims } from './directory-accounts.js';
import { errorPage, PAGE_HEADERS } from './login-page.js';
import { oidcSigningKey } from './signing-keys.js';
import { storeAdapter } from './store-adapter.js';

/** Which scope releases which claims (the id_token carries them too: conformIdTokenClaims off). */
const CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'department', 'title'],
  groups: ['groups'],
};

/**
 * The Client Connector is first-party: its consent is implied. The grant it gets holds what it
 * asked for (scopes and claims-parameter claims), so the consent prompt never shows.
 */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const client = oidc.client!;
  const session = oidc.session!;
  const grantId = oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (client.clientId !== OIDC_CLIENT_ID || !session.accountId) return existing;
  const grant =
    existing ??
    new oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope([...oidc.requestParamScopes]);
  const claims = [...oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

/** oidc-provider configuration of one bundled OIDC IdP. */
export function providerConfiguration(
  ctx: Pick<IdpDeps, 'clock' | 'store' | 'baseUrl'>,
  idpId: string,
): Configuration {
  // Absolute, from the public base URL: a workshop tenant lives under a path prefix (/t/3).
  const issuer = oidcIssuer(ctx, idpId);
  const mountPath = new URL(issuer).pathname;
  return {
    adapter: storeAdapter(ctx.store.oidc, ctx.clock, idpId),
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_name: 'Client Connector',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // Native + loopback: any port on 127.0.0.1 / [::1] / localhost matches (RFC 8252 §7.3).
        redirect_uris: [LOOPBACK_REDIRECT],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        id_token_signed_response_alg: 'RS256',
        require_auth_time: true,
      },
    ],
    jwks: { keys: [oidcSigningKey(ctx.store, idpId)] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: Object.keys(CLAIMS),
    claims: CLAIMS,
    conformIdTokenClaims: false,
    clientAuthMethods: ['none'],
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: true },
    },
    findAccount: (_ctx, sub) => {
      const account = accountById(ctx.store, idpId, sub);
      // A user deactivated since signing in loses the IdP session too.
      if (!account?.active) return undefined;
      return { accountId: account.id, claims: () => ({ ...accountClaims(account), sub }) };
    },
    loadExistingGrant,
    interactions: {
      url: (_ctx, interaction) => `${issuer}/interaction/${interaction.uid}`,
    },
    cookies: {
      keys: oidcCookieKeys(ctx.store.settings),
      // The session cookie stays with this IdP: several IdPs share the cloud's origin.
      long: { httpOnly: true, sameSite: 'lax', path: mountPath },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 3600,
      AccessToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError: (koa, out) => {
      koa.set(PAGE_HEADERS);
      koa.type = 'html';
      koa.body = errorPage(
        'Sign-in failed',
        out.error_description ? `${out.error}: ${out.error_description}` : String(out.error),
      );
    },
  };
}
