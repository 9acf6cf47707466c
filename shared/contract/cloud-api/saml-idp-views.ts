/** What the admin API shows of a bundled SAML IdP: both sides' settings and its certificate. */
import { z } from '../zod.js';
import { IDP_VENDORS } from '../../model/idp.js';
import { isoDateTime } from './session.js';

/** What the IdP sends as NameID: the sign-in name, or a first.last address (a replaced IdP). */
export const NAME_ID_KINDS = ['userName', 'firstLast'] as const;

export const samlIdpSettingsView = z.object({
  idpId: z.string(),
  vendor: z.enum(IDP_VENDORS),
  entityId: z.string(),
  ssoUrl: z.string(),
  metadataUrl: z.string(),
  certificate: z.object({
    pem: z.string(),
    fingerprintSha256: z.string(),
    notBefore: isoDateTime,
    notAfter: isoDateTime,
    createdAt: isoDateTime,
  }),
  /** The cloud's side: what to paste into the IdP. */
  sp: z.object({ entityId: z.string(), acsUrl: z.string(), metadataUrl: z.string() }),
  /** How far the IdP's clock is off the cloud's (PUT .../saml/clock). */
  clockSkewSeconds: z.number(),
});
