/**
 * The cloud as SAML service provider, one SP per SAML IdP configuration: SP-initiated sign-in
 * (AuthnRequest over HTTP-Redirect), SP metadata, and the Assertion Consumer Service
 * (saml-acs.ts), which owns every check of the response (saml-validate.ts).
 *
 * Endpoints (saml-endpoints.ts): SP entity ID = metadata URL `${baseUrl}/auth/saml/<idpId>/metadata`,
 * ACS `${baseUrl}/auth/saml/<idpId>/acs` (HTTP-POST). RelayState carries the AuthnRequest ID.
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdpConfig } from '../../../shared/model/idp.js';
import type { AuthDeps } from './deps.js';
import { acceptUrlEncodedForms, formField } from '../saml/form.js';
import { loadSamlify } from '../saml/samlify.js';
import { BINDING_POST, NAMEID_EMAIL, NS, escapeXml as x, samlTime } from '../saml/xml.js';
import {
  ACS_BODY_LIMIT,
  acsErrorOutcome,
  consumeSamlResponse,
  sendAcsOutcome,
} from './saml-acs.js';
import { samlAcsUrl, samlSpEntityId } from '../saml/sp-endpoints.js';
import type { PendingLogin } from './types.js';
import { CODES } from '../../../shared/errors/codes.js';
import { DATABASE_BUSY, isDatabaseBusy } from '../http/database-busy.js';

/** How long an AuthnRequest waits for its response. */
export const SAML_REQUEST_TTL_MS = 10 * 60_000;

/** What putSamlRequest stores beside the request ID. */
export interface SamlRequestDoc {
  pending: PendingLogin;
}

/** The IdP's SSO service. Bundled IdPs only, for now: the configuration holds no external URL. */
export const samlSsoUrlOf = (ctx: Pick<AuthDeps, 'idpTrust'>, idp: IdpConfig) =>
  ctx.idpTrust.samlSsoUrl(idp);

export function renderAuthnRequest(p: {
  id: string;
  issueInstant: number;
  destination: string;
  acsUrl: string;
  spEntityId: string;
}): string {
  return (
    `<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}"` +
    ` ID="${x(p.id)}" Version="2.0" IssueInstant="${samlTime(p.issueInstant)}"` +
    ` Destination="${x(p.destination)}" AssertionConsumerServiceURL="${x(p.acsUrl)}"` +
    ` ProtocolBinding="${BINDING_POST}">` +
    `<saml:Issuer>${x(p.spEntityId)}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="${NAMEID_EMAIL}" AllowCreate="false"/>` +
    `</samlp:AuthnRequest>`
  );
}

/**
 * Starts an SP-initiated sign-in: stores the AuthnRequest with the pending login (10 minutes of
 * cloud time) and returns the IdP SSO URL (HTTP-Redirect binding) with RelayState = request ID
 * and login_hint = the username the connector sent.
 */
export function startSamlLogin(
  ctx: Pick<AuthDeps, 'clock' | 'idpTrust' | 'baseUrl' | 'store'>,
  idp: IdpConfig,
  pending: PendingLogin,
): string {
  const id = `_${randomBytes(20).toString('hex')}`;
  const now = ctx.clock.now();
  const ssoUrl = samlSsoUrlOf(ctx, idp);
  const xml = renderAuthnRequest({
    id,
    issueInstant: now,
    destination: ssoUrl,
    acsUrl: samlAcsUrl(ctx, idp.id),
    spEntityId: samlSpEntityId(ctx, idp.id),
  });
  const doc: SamlRequestDoc = { pending };
  ctx.store.auth.putSamlRequest({
    id,
    idpId: idp.id,
    createdAt: now,
    expiresAt: now + SAML_REQUEST_TTL_MS,
    doc,
  });
  const url = new URL(ssoUrl);
  url.searchParams.set('SAMLRequest', deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'));
  url.searchParams.set('RelayState', id);
  url.searchParams.set('login_hint', pending.username);
  return url.toString();
}

/** The SP metadata an IdP admin imports (samlify renders it). */
export async function samlSpMetadata(
  ctx: Pick<AuthDeps, 'baseUrl'>,
  idpId: string,
): Promise<string> {
  const samlify = await loadSamlify();
  return samlify
    .ServiceProvider({
      entityID: samlSpEntityId(ctx, idpId),
      assertionConsumerService: [{ Binding: BINDING_POST, Location: samlAcsUrl(ctx, idpId) }],
      nameIDFormat: [NAMEID_EMAIL],
      authnRequestsSigned: false,
      wantAssertionsSigned: true,
    })
    .getMetadata();
}

type IdpParams = { Params: { idpId: string } };

/** Registers GET /auth/saml/:idpId/metadata and POST /auth/saml/:idpId/acs. */
export async function samlSpRoutes(app: FastifyInstance, ctx: AuthDeps) {
  acceptUrlEncodedForms(app);

  // Whatever goes wrong before the handler (too large, not a form) is still an ACS answer.
  app.setErrorHandler((err, _req, reply) => {
    const e = err as { statusCode?: number; code?: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendAcsOutcome(
        reply,
        acsErrorOutcome(CODES.SAML_ASSERTION_TOO_LARGE, 'The SAML response is far too large.', 413),
      );
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return sendAcsOutcome(
        reply,
        acsErrorOutcome(
          CODES.NOT_A_SAML_RESPONSE,
          'The ACS expects an HTML form post (SAMLResponse, RelayState).',
          e.statusCode,
        ),
      );
    }
    // Nothing was taken yet (the pending sign-in is taken first): the post can be sent again.
    if (isDatabaseBusy(err)) {
      return sendAcsOutcome(
        reply,
        acsErrorOutcome(DATABASE_BUSY.connectorCode, DATABASE_BUSY.message, DATABASE_BUSY.status),
      );
    }
    console.error('SAML ACS internal error:', err);
    return sendAcsOutcome(
      reply,
      acsErrorOutcome(
        CODES.SAML_VALIDATION_FAILED,
        'The SAML response could not be validated.',
        500,
      ),
    );
  });

  app.get('/auth/saml/:idpId/metadata', async (req: FastifyRequest<IdpParams>, reply) => {
    const idp = ctx.idps.stored(req.params.idpId)?.config;
    if (!idp || idp.protocol !== 'saml') {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('No SAML IdP configuration with this id.');
    }
    return reply
      .type('application/samlmetadata+xml; charset=utf-8')
      .send(await samlSpMetadata(ctx, idp.id));
  });

  app.post(
    '/auth/saml/:idpId/acs',
    { bodyLimit: ACS_BODY_LIMIT },
    async (req: FastifyRequest<IdpParams>, reply) => {
      const outcome = await consumeSamlResponse(ctx, req.params.idpId, {
        SAMLResponse: formField(req.body, 'SAMLResponse'),
        RelayState: formField(req.body, 'RelayState'),
      });
      return sendAcsOutcome(reply, outcome);
    },
  );
}
