/**
 * The Assertion Consumer Service: finds the sign-in the response answers (RelayState, else the
 * response's InResponseTo), validates the response (saml-validate.ts), refuses replays, and sends
 * the browser on: to the connector with a one-time code, or with the error code when a pending
 * sign-in is known; otherwise an error page with the code (never a 500 for a bad response).
 */
import type { FastifyReply } from 'fastify';
import { describeError } from '../../../shared/errors/index.js';
import type { AuthDeps } from './deps.js';
import { attr, escapeHtml as h, parseStrict } from '../saml/xml.js';
import { AuthError } from './auth-error.js';
import { samlAcsUrl, samlSpEntityId } from '../saml/sp-endpoints.js';
import { decodeSamlResponseField, validateSamlResponse } from './saml-validate.js';
import type { PendingLogin, VerifiedIdentity } from './types.js';
import { CODES } from '../../../shared/errors/codes.js';
import { DATABASE_BUSY, isDatabaseBusy, retryAfterIfBusy } from '../http/database-busy.js';

/**
 * Bodies up to this size reach the handler, so that a too-large response (over 256 KiB) still
 * finds its pending sign-in and is answered with 42045 there; larger ones get the error page.
 */
export const ACS_BODY_LIMIT = 8 * 1024 * 1024;

export type AcsOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; status: number; code: string; message: string };

export const acsErrorOutcome = (code: string, message: string, status = 400): AcsOutcome => ({
  kind: 'page',
  status,
  code,
  message,
});

function readPending(doc: unknown): PendingLogin | undefined {
  const p = (doc as { pending?: Partial<PendingLogin> } | undefined)?.pending;
  if (
    typeof p?.username === 'string' &&
    typeof p.deviceId === 'string' &&
    typeof p.redirectUri === 'string' &&
    typeof p.state === 'string' &&
    typeof p.codeChallenge === 'string'
  ) {
    return p as PendingLogin;
  }
  return undefined;
}

/** InResponseTo of an unverified response: only to find where to send an error. */
function peekInResponseTo(xml: string): string | undefined {
  try {
    return attr(parseStrict(xml).documentElement!, 'InResponseTo');
  } catch {
    return undefined;
  }
}

export async function consumeSamlResponse(
  ctx: Pick<AuthDeps, 'store' | 'idps' | 'clock' | 'idpTrust' | 'login' | 'baseUrl'>,
  idpId: string,
  form: { SAMLResponse?: string; RelayState?: string },
): Promise<AcsOutcome> {
  let xml: string | undefined;
  let decodeError: unknown;
  try {
    xml = decodeSamlResponseField(form.SAMLResponse);
  } catch (e) {
    decodeError = e;
  }
  // Each AuthnRequest is answered once: whatever the outcome, the pending sign-in is consumed.
  const requestId = form.RelayState?.trim() || (xml ? peekInResponseTo(xml) : undefined);
  const request = requestId ? ctx.store.auth.takeSamlRequest(requestId) : undefined;
  const pending = request && readPending(request.doc);

  try {
    if (decodeError) throw decodeError;
    const idp = ctx.idps.stored(idpId)?.config;
    if (!idp || idp.protocol !== 'saml') {
      throw new AuthError(
        CODES.SAML_NOT_VALIDATED_USER_SSO,
        `There is no SAML IdP configuration ${idpId} for this ACS.`,
      );
    }
    if (!idp.enabled)
      throw new AuthError(CODES.IDP_DISABLED, `The identity provider "${idp.name}" is disabled.`);
    const now = ctx.clock.now();
    const answerable =
      request && pending && request.idpId === idpId && request.expiresAt > now
        ? request.id
        : undefined;
    const certificatePem = await ctx.idpTrust.samlCertificatePem(idp);
    const verified = validateSamlResponse(xml!, {
      idpEntityId: ctx.idpTrust.samlEntityId(idp),
      certificatePem,
      spEntityId: samlSpEntityId(ctx, idpId),
      acsUrl: samlAcsUrl(ctx, idpId),
      now,
      requestId: answerable,
    });
    if (!ctx.store.auth.markAssertionUsed(verified.assertionId, idpId, verified.replayableUntil)) {
      throw new AuthError(
        CODES.NO_MATCHING_SAML_REQUEST,
        `Assertion ${verified.assertionId} was already used (replay).`,
      );
    }
    const identity: VerifiedIdentity = {
      idpId,
      protocol: 'saml',
      userName: verified.nameId,
      attributes: verified.attributes,
      authTime: verified.authnInstant ?? verified.issueInstant,
    };
    return { kind: 'redirect', location: ctx.login.redirectWithCode(identity, pending!) };
  } catch (e) {
    const error = acsError(e);
    if (pending) {
      return {
        kind: 'redirect',
        location: ctx.login.redirectWithError(pending, {
          code: error.code,
          message: error.message,
        }),
      };
    }
    return acsErrorOutcome(
      error.code,
      error.message,
      error.status === DATABASE_BUSY.status ? error.status : undefined,
    );
  }
}

/** What a failed check tells the user: its own refusal, a busy database, or a logged fault. */
function acsError(e: unknown): AuthError {
  if (e instanceof AuthError) return e;
  if (isDatabaseBusy(e)) {
    // The pending sign-in is already taken: this response cannot be posted again.
    return new AuthError(
      DATABASE_BUSY.connectorCode,
      'The cloud’s database was busy while checking the SAML response: sign in again.',
      DATABASE_BUSY.status,
    );
  }
  console.error('SAML ACS: unexpected error while validating a response:', e);
  return new AuthError(CODES.SAML_VALIDATION_FAILED, 'The SAML response could not be validated.');
}

export function sendAcsOutcome(reply: FastifyReply, outcome: AcsOutcome) {
  reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff');
  if (outcome.kind === 'redirect') return reply.redirect(outcome.location, 302);
  retryAfterIfBusy(reply, outcome.status);
  return reply
    .code(outcome.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    )
    .send(acsErrorPage(outcome.code, outcome.message));
}

/**
 * The cloud's sign-in error page: the code with its catalog entry (shared/errors: title, the
 * text the client shows, cause, what the user and the admin can do) and this refusal's detail.
 */
export function acsErrorPage(code: string, detail: string): string {
  const entry = describeError(code);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in failed (${h(code)})</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1c2430; }
  main { max-width: 560px; margin: 10vh auto; background: #fff; padding: 28px 36px; border-radius: 6px; border-top: 4px solid #c62828; box-shadow: 0 2px 10px rgba(0,0,0,.1); }
  h1 { font-size: 20px; margin: 0 0 8px; }
  .code { font-family: ui-monospace, monospace; background: #fdecea; padding: 2px 6px; border-radius: 3px; }
  dt { font-weight: 600; margin-top: 12px; }
  dd { margin: 2px 0 0; }
</style>
</head>
<body>
<main>
  <h1>${h(entry.title)}</h1>
  <p><span data-testid="error-message">${h(entry.message)}</span> (error code <span class="code" data-testid="error-code">${h(code)}</span>)</p>
  <p role="alert" data-testid="error-detail">${h(detail)}</p>
  <dl>
    <dt>Cause</dt><dd>${h(entry.cause)}</dd>
    <dt>What you can do</dt><dd>${h(entry.userAction)}</dd>
    <dt>For your administrator</dt><dd>${h(entry.adminAction)}</dd>
  </dl>
</main>
</body>
</html>
`;
}
