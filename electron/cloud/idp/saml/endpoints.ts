/** Where a bundled SAML IdP lives: `${baseUrl}/idp/<idpId>/saml/...`. */
import type { IdpDeps } from '../deps.js';

type Ctx = Pick<IdpDeps, 'baseUrl'>;

const base = (ctx: Ctx, idpId: string) => `${ctx.baseUrl()}/idp/${encodeURIComponent(idpId)}/saml`;

export const samlIdpMetadataUrl = (ctx: Ctx, idpId: string) => `${base(ctx, idpId)}/metadata`;
/** Single sign-on service (HTTP-Redirect and HTTP-POST bindings). */
export const samlIdpSsoUrl = (ctx: Ctx, idpId: string) => `${base(ctx, idpId)}/sso`;
/** Where the IdP's own login form posts the credentials. */
export const samlIdpLoginUrl = (ctx: Ctx, idpId: string) => `${base(ctx, idpId)}/login`;
