import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { IdpDeps } from '../deps.js';
import { DATABASE_BUSY } from '../../http/database-busy.js';
import { oidcIssuer } from './client-config.js';
import { providerConfiguration } from './provider-config.js';

export interface MountedProvider {
  idpId: string;
  provider: Provider;
  /** The provider's request handler (Koa app callback), built once. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/**
 * oidc-provider (and its Koa stack) is imported on the first OIDC request, not when the cloud
 * starts: it is the slowest import of the cloud, and a start that never signs in with OIDC
 * should not wait for it.
 */
let providerClass: Promise<typeof Provider> | undefined;
const loadProvider = () => (providerClass ??= import('oidc-provider').then((m) => m.default));

/**
 * One oidc-provider instance per OIDC IdP configuration, created on the IdP's first request
 * (the cloud's base URL, part of the issuer, is known by then) and dropped with the IdP.
 */
export class OidcProviderRegistry {
  private readonly mounted = new Map<string, MountedProvider>();

  constructor(private readonly ctx: Pick<IdpDeps, 'idps' | 'clock' | 'store' | 'baseUrl'>) {}

  /** The IdP's provider, or undefined when there is no OIDC IdP with that id. */
  async get(idpId: string): Promise<MountedProvider | undefined> {
    const idp = this.ctx.idps.stored(idpId)?.config;
    if (!idp || idp.protocol !== 'oidc') {
      this.mounted.delete(idpId);
      return undefined;
    }
    if (!this.mounted.has(idpId)) {
      const Provider = await loadProvider();
      // Another request may have mounted it (or the IdP gone) while the module loaded.
      if (!this.mounted.has(idpId) && this.ctx.idps.stored(idpId)) this.mount(idpId, Provider);
    }
    return this.mounted.get(idpId);
  }

  private mount(idpId: string, ProviderClass: typeof Provider) {
    const provider = new ProviderClass(
      oidcIssuer(this.ctx, idpId),
      providerConfiguration(this.ctx, idpId),
    );
    // Honour X-Forwarded-Proto/Host when the cloud sits behind a proxy (publicUrl).
    provider.proxy = true;
    // A busy database (store-adapter.ts) says when to come back, whichever way it is answered.
    provider.use(async (koa, next) => {
      await next();
      if (koa.status === DATABASE_BUSY.status) {
        koa.set('Retry-After', String(DATABASE_BUSY.retryAfterSeconds));
      }
    });
    provider.on('server_error', (_koa, err) =>
      console.error(`OIDC IdP ${idpId} internal error:`, err),
    );
    const callback = provider.callback();
    this.mounted.set(idpId, { idpId, provider, handle: async (req, res) => callback(req, res) });
  }

  drop(idpId: string): void {
    this.mounted.delete(idpId);
  }
}
