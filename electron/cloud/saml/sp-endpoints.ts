/**
 * The cloud's SAML service-provider endpoints, one set per IdP configuration (what an admin
 * copies into the IdP: "SP Entity ID" and "ACS URL"). The entity ID is the SP metadata URL, so
 * an IdP can fetch the metadata from it, as ZPA's per-IdP SP metadata works.
 */
/** The cloud's public base URL (known once listening). */
interface Ctx {
  baseUrl(): string;
}

const base = (ctx: Ctx, idpId: string) => `${ctx.baseUrl()}/auth/saml/${encodeURIComponent(idpId)}`;

/** SP entity ID (the Audience the cloud requires): `${baseUrl}/auth/saml/<idpId>/metadata`. */
export const samlSpEntityId = (ctx: Ctx, idpId: string) => `${base(ctx, idpId)}/metadata`;

/** SP metadata URL (same as the entity ID). */
export const samlSpMetadataUrl = samlSpEntityId;

/** Assertion Consumer Service (HTTP-POST): `${baseUrl}/auth/saml/<idpId>/acs`. */
export const samlAcsUrl = (ctx: Ctx, idpId: string) => `${base(ctx, idpId)}/acs`;
