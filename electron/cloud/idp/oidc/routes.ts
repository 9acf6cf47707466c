import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdpDeps } from '../deps.js';
import { DATABASE_BUSY, isDatabaseBusy, replyBusy } from '../../http/database-busy.js';
import { errorPage, PAGE_HEADERS } from './login-page.js';
import { inIdpTime } from './idp-time.js';
import { oidcInteractionRoutes } from './interaction-routes.js';
import { OidcProviderRegistry } from './provider-registry.js';
import { removeOidcSigningKey } from './signing-keys.js';
import { withoutTrailingSlashes } from '../../../../shared/url.js';

/** The login form is small; anything bigger is not a login. */
const FORM_LIMIT = 16 * 1024;

/**
 * The bundled OIDC IdPs: every OIDC IdP configuration gets an OpenID provider at
 * `${baseUrl}/idp/${idpId}/oidc` (discovery at /.well-known/openid-configuration, JWKS, auth,
 * token, userinfo) with its own sign-in page at /interaction/:uid.
 *
 * Register on the cloud's root instance: `await app.register(oidcProviderRoutes, ctx)` (no
 * prefix). The routes live in their own scopes, so the cloud's body parsers do not apply.
 */
export async function oidcProviderRoutes(app: FastifyInstance, ctx: IdpDeps): Promise<void> {
  const providers = new OidcProviderRegistry(ctx);
  const unsubscribe = ctx.events.on('idp.deleted', ({ idpId }) => {
    providers.drop(idpId);
    removeOidcSigningKey(ctx.store, idpId);
    ctx.store.oidc.removeIdp(idpId); // its sessions, codes and grants
  });
  app.addHook('onClose', async () => unsubscribe());

  // oidc-provider reads request bodies itself: leave every body unread in this scope.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    // Mounting a provider reads and may create its keys: a busy database is OAuth's "later".
    scope.setErrorHandler((err, _req, reply) => {
      if (!isDatabaseBusy(err)) throw err;
      return replyBusy(reply).send({
        error: DATABASE_BUSY.oauthError,
        error_description: DATABASE_BUSY.message,
      });
    });

    scope.all(
      '/idp/:idpId/oidc/*',
      async (req: FastifyRequest<{ Params: { idpId: string } }>, reply) => {
        const mounted = await providers.get(req.params.idpId);
        if (!mounted) return reply.callNotFound();
        const raw = req.raw as IncomingMessage & { originalUrl?: string };
        const url = raw.url ?? '/';
        // Express-style mounting: the provider sees the path below its mount point and works
        // the mount path out of originalUrl, so its endpoint URLs keep the /idp/{id}/oidc prefix,
        // and the public base URL's own path (a workshop tenant's /t/3) in front of it.
        raw.originalUrl = `${withoutTrailingSlashes(new URL(ctx.baseUrl()).pathname)}${url}`;
        raw.url = url.replace(/^\/idp\/[^/?#]+\/oidc/, '') || '/';
        reply.hijack();
        await inIdpTime(ctx.clock, () => mounted.handle(raw, reply.raw));
      },
    );
  });

  // The sign-in page: a plain urlencoded form.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    // A browser's page: a busy database is an error page that asks to try again.
    scope.setErrorHandler((err, _req, reply) => {
      if (!isDatabaseBusy(err)) throw err;
      return replyBusy(reply)
        .headers(PAGE_HEADERS)
        .send(errorPage('Try again in a moment', DATABASE_BUSY.message));
    });
    await oidcInteractionRoutes(scope, { ctx, providers });
  });
}
