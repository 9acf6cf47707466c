import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults } from 'oidc-provider';
import type { IdpDeps } from '../deps.js';
import { OIDC_CLIENT_ID, oidcIssuer } from './client-config.js';
import { checkPassword } from './directory-accounts.js';
import { inIdpTime } from './idp-time.js';
import { errorPage, loginPage, PAGE_HEADERS } from './login-page.js';
import type { MountedProvider, OidcProviderRegistry } from './provider-registry.js';

type InteractionRequest = FastifyRequest<{
  Params: { idpId: string; uid: string };
  Body: Record<string, string | undefined> | undefined;
}>;

const MESSAGES = {
  invalid_credentials: 'The username or password is incorrect.',
  inactive: 'Your account is deactivated. Contact your administrator.',
  not_assigned:
    'You are not assigned to the Client Connector application. Contact your administrator.',
  missing: 'Enter your username and password.',
};

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).headers(PAGE_HEADERS).send(body);

/**
 * The IdP's own sign-in page at the interaction URL: GET shows the form (login_hint pre-fills
 * the username), POST checks the password against the IdP's directory and finishes the login;
 * "Cancel" ends the request with access_denied. Consent is implied for the first-party client
 * (provider-config.ts loadExistingGrant); a consent prompt, should one come, is granted here.
 */
export async function oidcInteractionRoutes(
  app: FastifyInstance,
  opts: { ctx: IdpDeps; providers: OidcProviderRegistry },
) {
  const { ctx } = opts;
  const withIt = (req: InteractionRequest, reply: FastifyReply, fn: InteractionStep) =>
    withInteraction(opts, req, reply, fn);

  app.get('/idp/:idpId/oidc/interaction/:uid', (req: InteractionRequest, reply) =>
    withIt(req, reply, async (mounted, details) => {
      if (details.prompt.name === 'consent') {
        return finish(mounted, req, reply, {
          consent: { grantId: await grantConsent(mounted, details) },
        });
      }
      const hint = details.params.login_hint;
      return showForm(ctx, req, reply, 200, typeof hint === 'string' ? hint : undefined);
    }),
  );

  app.post('/idp/:idpId/oidc/interaction/:uid', (req: InteractionRequest, reply) =>
    withIt(req, reply, async (mounted, details) => {
      const username = req.body?.username?.trim() ?? '';
      const password = req.body?.password ?? '';
      if (details.prompt.name !== 'login') {
        return finish(mounted, req, reply, {
          consent: { grantId: await grantConsent(mounted, details) },
        });
      }
      if (!username || !password) {
        return showForm(ctx, req, reply, 400, username, MESSAGES.missing);
      }
      const check = checkPassword(ctx.store, req.params.idpId, username, password);
      if (!check.ok) return showForm(ctx, req, reply, 401, username, MESSAGES[check.reason]);
      return finish(mounted, req, reply, {
        login: { accountId: check.account.id, amr: ['pwd'] },
      });
    }),
  );

  app.post('/idp/:idpId/oidc/interaction/:uid/abort', (req: InteractionRequest, reply) =>
    withIt(req, reply, (mounted) =>
      finish(mounted, req, reply, {
        error: 'access_denied',
        error_description: 'The user cancelled the sign-in.',
      }),
    ),
  );
}

type InteractionDetails = Awaited<ReturnType<MountedProvider['provider']['interactionDetails']>>;
type InteractionStep = (mounted: MountedProvider, details: InteractionDetails) => Promise<unknown>;

/** Runs fn with the IdP's provider and the interaction the browser's cookie points to. */
async function withInteraction(
  opts: { ctx: IdpDeps; providers: OidcProviderRegistry },
  req: InteractionRequest,
  reply: FastifyReply,
  fn: InteractionStep,
) {
  const mounted = await opts.providers.get(req.params.idpId);
  if (!mounted) return reply.callNotFound();
  return inIdpTime(opts.ctx.clock, async () => {
    let details;
    try {
      details = await mounted.provider.interactionDetails(req.raw, reply.raw);
    } catch {
      details = undefined;
    }
    if (!details || details.uid !== req.params.uid) {
      return html(
        reply,
        400,
        errorPage(
          'Sign-in expired',
          'This sign-in page is no longer valid (it expired, was already used, or cookies are blocked).',
        ),
      );
    }
    return fn(mounted, details);
  });
}

/** Ends the interaction with its result and sends the browser back to the provider. */
async function finish(
  mounted: MountedProvider,
  req: InteractionRequest,
  reply: FastifyReply,
  result: InteractionResults,
) {
  const to = await mounted.provider.interactionResult(req.raw, reply.raw, result, {
    mergeWithLastSubmission: false,
  });
  return reply.redirect(to, 303);
}

/** The IdP's sign-in form, posting back to this interaction. */
function showForm(
  ctx: IdpDeps,
  req: InteractionRequest,
  reply: FastifyReply,
  status: number,
  username: string | undefined,
  error?: string,
) {
  const action = `${oidcIssuer(ctx, req.params.idpId)}/interaction/${encodeURIComponent(req.params.uid)}`;
  return html(
    reply,
    status,
    loginPage({
      idpName: ctx.idps.stored(req.params.idpId)?.config.name ?? 'Identity provider',
      action,
      abortAction: `${action}/abort`,
      username,
      error,
    }),
  );
}

/** Grants what the consent prompt says is missing (first-party client only). */
async function grantConsent(
  mounted: MountedProvider,
  details: InteractionDetails,
): Promise<string> {
  const { Grant } = mounted.provider;
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (!accountId || clientId !== OIDC_CLIENT_ID) throw new Error('consent outside a login');
  const grant = details.grantId
    ? ((await Grant.find(details.grantId)) ?? new Grant({ accountId, clientId }))
    : new Grant({ accountId, clientId });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  return grant.save();
}
