/**
 * The bundled SAML IdPs over HTTP: metadata, the SSO service (HTTP-Redirect and HTTP-POST
 * AuthnRequests) showing the IdP's own login page, and the login form that checks the password
 * against the IdP's directory and answers with an auto-submitting SAMLResponse form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdpConfig } from '../../../../shared/model/idp.js';
import type { IdpDeps } from '../deps.js';
import { DATABASE_BUSY, isDatabaseBusy, retryAfterIfBusy } from '../../http/database-busy.js';
import { samlAcsUrl, samlSpEntityId } from '../../saml/sp-endpoints.js';
import { acceptUrlEncodedForms, formField } from '../../saml/form.js';
import {
  AuthnRequestError,
  decodeAuthnRequest,
  type ParsedAuthnRequest,
  type SamlBinding,
} from './authn-request.js';
import { checkCredentials } from './directory-user.js';
import { samlIdpLoginUrl, samlIdpSsoUrl } from './endpoints.js';
import { renderIdpMetadata } from './metadata.js';
import { autoPostPage, idpErrorPage, loginPage, type HtmlPage } from './pages.js';
import { idpClockSkewMs } from './idp-clock.js';
import { buildSamlResponse } from './response-builder.js';
import { removeSamlSigningKey, samlSigningKey } from './signing-key.js';
import { SAML_VENDOR_PROFILES, samlProfile } from './vendor-profiles.js';

type IdpParams = { Params: { idpId: string } };

class IdpPageError extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    message: string,
    public readonly idp?: IdpConfig,
  ) {
    super(message);
  }
}

function sendPage(reply: FastifyReply, page: HtmlPage, status = 200) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', page.csp)
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(page.html);
}

function samlIdp(ctx: Pick<IdpDeps, 'idps'>, idpId: string): IdpConfig {
  const idp = ctx.idps.stored(idpId)?.config;
  if (!idp || idp.protocol !== 'saml') {
    throw new IdpPageError(404, 'Not found', `There is no SAML identity provider ${idpId}.`);
  }
  return ctx.idps.get(idpId);
}

/** The IdP serves one SP, the cloud: the request must come from it and name its ACS. */
function acceptRequest(
  ctx: Pick<IdpDeps, 'baseUrl'>,
  idp: IdpConfig,
  samlRequest: string | undefined,
  binding: SamlBinding,
) {
  let request: ParsedAuthnRequest;
  try {
    request = decodeAuthnRequest(samlRequest ?? '', binding);
  } catch (e) {
    if (e instanceof AuthnRequestError) throw new IdpPageError(400, 'Bad request', e.message, idp);
    throw e;
  }
  if (request.issuer !== samlSpEntityId(ctx, idp.id)) {
    throw new IdpPageError(
      400,
      'The app is not configured properly',
      `The AuthnRequest comes from "${request.issuer}", which is not the service provider configured for this app (${samlSpEntityId(ctx, idp.id)}).`,
      idp,
    );
  }
  if (request.acsUrl !== undefined && request.acsUrl !== samlAcsUrl(ctx, idp.id)) {
    throw new IdpPageError(
      400,
      'The app is not configured properly',
      `The AssertionConsumerServiceURL "${request.acsUrl}" is not the one configured for this app.`,
      idp,
    );
  }
  return request;
}

/** Registers the IdP routes: GET /idp/:idpId/saml/metadata, GET|POST .../sso, POST .../login. */
export async function samlIdpRoutes(app: FastifyInstance, ctx: IdpDeps) {
  acceptUrlEncodedForms(app);
  // A deleted IdP configuration takes its signing key with it.
  const off = ctx.events.on('idp.deleted', ({ idpId }) => removeSamlSigningKey(ctx.store, idpId));
  app.addHook('onClose', async () => off());
  app.setErrorHandler(idpErrorHandler);

  app.get('/idp/:idpId/saml/metadata', async (req: FastifyRequest<IdpParams>, reply) => {
    const idp = samlIdp(ctx, req.params.idpId);
    const key = await samlSigningKey(ctx, idp);
    const xml = renderIdpMetadata({
      entityId: samlProfile(idp.vendor).entityId(ctx, idp),
      ssoUrl: samlIdpSsoUrl(ctx, idp.id),
      certificate: key.certificatePem,
    });
    return reply.header('content-type', 'application/samlmetadata+xml; charset=utf-8').send(xml);
  });
  app.get('/idp/:idpId/saml/sso', async (req: FastifyRequest<IdpParams>, reply) =>
    showLogin(ctx, samlIdp(ctx, req.params.idpId), 'redirect', req.query, reply),
  );
  app.post('/idp/:idpId/saml/sso', async (req: FastifyRequest<IdpParams>, reply) =>
    showLogin(ctx, samlIdp(ctx, req.params.idpId), 'post', req.body, reply),
  );
  app.post('/idp/:idpId/saml/login', async (req: FastifyRequest<IdpParams>, reply) =>
    logIn(ctx, samlIdp(ctx, req.params.idpId), req.body, reply),
  );
}

/**
 * Errors as the IdP's own pages: its brand, the status of the refusal, 503 (with Retry-After)
 * for a busy database, 500 for the rest.
 */
function idpErrorHandler(err: unknown, _req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof IdpPageError) {
    const brand = samlProfile(err.idp?.vendor ?? 'generic').brand;
    return sendPage(reply, idpErrorPage(brand, err.title, err.message), err.status);
  }
  const e = err as { statusCode?: number; message?: string };
  const brand = SAML_VENDOR_PROFILES.generic.brand;
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return sendPage(
      reply,
      idpErrorPage(brand, 'Bad request', e.message ?? 'Bad request.'),
      e.statusCode,
    );
  }
  if (isDatabaseBusy(err)) {
    retryAfterIfBusy(reply, DATABASE_BUSY.status);
    return sendPage(
      reply,
      idpErrorPage(brand, 'Try again in a moment', DATABASE_BUSY.message),
      DATABASE_BUSY.status,
    );
  }
  console.error('SAML IdP internal error:', err);
  return sendPage(reply, idpErrorPage(brand, 'Something went wrong', 'Internal error.'), 500);
}

/** The sign-in page for an AuthnRequest; login_hint (as Entra and Okta accept it) pre-fills it. */
function showLogin(
  ctx: IdpDeps,
  idp: IdpConfig,
  binding: SamlBinding,
  fields: unknown,
  reply: FastifyReply,
) {
  const samlRequest = formField(fields, 'SAMLRequest');
  const relayState = formField(fields, 'RelayState');
  acceptRequest(ctx, idp, samlRequest, binding);
  return sendPage(
    reply,
    loginPage({
      brand: samlProfile(idp.vendor).brand,
      orgName: idp.name,
      action: samlIdpLoginUrl(ctx, idp.id),
      username: formField(fields, 'login_hint')?.slice(0, 256),
      hidden: { SAMLRequest: samlRequest, RelayState: relayState, binding },
    }),
  );
}

/**
 * The login form posted: wrong credentials show the form again, an unassigned user is refused,
 * and a signed SAML Response goes to the ACS through an auto-posting page.
 */
async function logIn(ctx: IdpDeps, idp: IdpConfig, body: unknown, reply: FastifyReply) {
  const brand = samlProfile(idp.vendor).brand;
  const binding: SamlBinding = formField(body, 'binding') === 'post' ? 'post' : 'redirect';
  const samlRequest = formField(body, 'SAMLRequest');
  const relayState = formField(body, 'RelayState');
  const request = acceptRequest(ctx, idp, samlRequest, binding);
  const username = (formField(body, 'username') ?? '').trim();
  const password = formField(body, 'password') ?? '';

  const check = checkCredentials(ctx.store, idp.id, username, password);
  if (!check.ok && check.reason === 'invalid_credentials') {
    return sendPage(
      reply,
      loginPage({
        brand,
        orgName: idp.name,
        action: samlIdpLoginUrl(ctx, idp.id),
        username,
        error: brand.badCredentials,
        hidden: { SAMLRequest: samlRequest, RelayState: relayState, binding },
      }),
    );
  }
  if (!check.ok) {
    return sendPage(reply, idpErrorPage(brand, 'Access denied', brand.notAssigned), 403);
  }
  // The IdP stamps its response with its own clock (off the cloud's when skewed).
  const idpNow = ctx.clock.now() + idpClockSkewMs(ctx.store, idp.id);
  const built = await buildSamlResponse(ctx, idp.id, {
    user: check.user,
    inResponseTo: request.id,
    now: idpNow,
    authnInstant: idpNow,
  });
  return sendPage(
    reply,
    autoPostPage(brand, built.acsUrl, {
      SAMLResponse: built.samlResponse,
      RelayState: relayState,
    }),
  );
}
