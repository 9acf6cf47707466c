/**
 * Admin API for the bundled SAML IdPs: what to configure on each side (IdP entity ID, SSO and
 * metadata URLs, signing certificate; the cloud's SP entity ID and ACS URL) and certificate
 * rotation, and changing the IdP behind a configuration. Full paths under /api/admin: register without a prefix.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { samlIdpRoutes as contract } from '../../../../shared/contract/cloud-api/admin-idp.js';
import type { samlIdpSettingsView as settingsSchema } from '../../../../shared/contract/cloud-api/saml-idp-views.js';
import type { IdpConfig } from '../../../../shared/model/idp.js';
import { ConflictError } from '../../domain-errors.js';
import { installAdminScope } from '../../http/admin-scope.js';
import { serveAll } from '../../http/route.js';
import { isoTime } from '../../clock/clock.js';
import type { IdpDeps } from '../deps.js';
import { samlAcsUrl, samlSpEntityId, samlSpMetadataUrl } from '../../saml/sp-endpoints.js';
import { samlIdpMetadataUrl, samlIdpSsoUrl } from './endpoints.js';
import { rotateSamlSigningKey, samlSigningKey, type SamlSigningKey } from './signing-key.js';
import { samlProfile } from './vendor-profiles.js';
import { idpClockSkewMs, setIdpClockSkewMs } from './idp-clock.js';
import { nameIdKind, setNameIdKind } from './name-id.js';

/** What GET /api/admin/idps/:id/saml answers (the contract's shape). */
export type SamlIdpSettingsView = z.output<typeof settingsSchema>;

function samlIdpOrThrow(ctx: Pick<IdpDeps, 'idps'>, id: string): IdpConfig {
  const idp = ctx.idps.get(id); // 404 when unknown
  if (idp.protocol !== 'saml') {
    throw new ConflictError('not_saml', `IdP ${id} uses ${idp.protocol.toUpperCase()}, not SAML.`);
  }
  return idp;
}

export function samlIdpSettingsView(
  ctx: Pick<IdpDeps, 'baseUrl' | 'tenantId' | 'store'>,
  idp: IdpConfig,
  key: SamlSigningKey,
): SamlIdpSettingsView {
  return {
    idpId: idp.id,
    vendor: idp.vendor,
    entityId: samlProfile(idp.vendor).entityId(ctx, idp),
    ssoUrl: samlIdpSsoUrl(ctx, idp.id),
    metadataUrl: samlIdpMetadataUrl(ctx, idp.id),
    certificate: {
      pem: key.certificatePem,
      fingerprintSha256: key.fingerprint,
      notBefore: isoTime(key.notBefore),
      notAfter: isoTime(key.notAfter),
      createdAt: isoTime(key.createdAt),
    },
    sp: {
      entityId: samlSpEntityId(ctx, idp.id),
      acsUrl: samlAcsUrl(ctx, idp.id),
      metadataUrl: samlSpMetadataUrl(ctx, idp.id),
    },
    clockSkewSeconds: idpClockSkewMs(ctx.store, idp.id) / 1000,
  };
}

/** GET /api/admin/idps/{id}/saml and POST /api/admin/idps/{id}/saml/rotate-certificate. */
export async function samlIdpAdminRoutes(app: FastifyInstance, ctx: IdpDeps) {
  installAdminScope(app, ctx.adminTokenHash);

  serveAll(app, contract, {
    samlIdpSettings: async ({ params }) => {
      const idp = samlIdpOrThrow(ctx, params.id);
      return samlIdpSettingsView(ctx, idp, await samlSigningKey(ctx, idp));
    },
    rotateSamlCertificate: async ({ params }) => {
      const idp = samlIdpOrThrow(ctx, params.id);
      const previous = await samlSigningKey(ctx, idp);
      const key = await rotateSamlSigningKey(ctx, idp);
      return {
        ...samlIdpSettingsView(ctx, idp, key),
        previousFingerprintSha256: previous.fingerprint,
      };
    },
    // A new IdP means a new signing certificate; its NameID is the old one's or the other kind.
    replaceSamlIdp: async ({ params, body }) => {
      const idp = samlIdpOrThrow(ctx, params.id);
      const nameIdChanged = body.nameId === 'different';
      if (nameIdChanged) {
        const kind = nameIdKind(ctx.store, idp.id) === 'userName' ? 'firstLast' : 'userName';
        setNameIdKind(ctx.store, idp.id, kind);
      }
      const key = await rotateSamlSigningKey(ctx, idp, { nameIdChanged });
      return { ...samlIdpSettingsView(ctx, idp, key), nameIdKind: nameIdKind(ctx.store, idp.id) };
    },
    setSamlIdpClock: async ({ params, body }) => {
      const idp = samlIdpOrThrow(ctx, params.id);
      setIdpClockSkewMs(ctx.store, idp.id, body.skewSeconds * 1000);
      return samlIdpSettingsView(ctx, idp, await samlSigningKey(ctx, idp));
    },
  });
}
