import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import type { IdpDeps } from '../deps.js';
import { oidcIssuer } from './client-config.js';
import { providerConfiguration } from './provider-config.js';

export interface MountedProvider {
  idpId: string;
  provider: Provider;
  /** The provider's request handler (Koa app callback), built once. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/**
 * One oidc-provider instance per OIDC IdP configuration, created on the IdP's first request
 * (the cloud's base URL, part of the issuer, is known by then) and dropped with the IdP.
 */
export class OidcProviderRegistry {
  private readonly mounted = new Map<string, MountedProvider>();

  constructor(private readonly ctx: Pick<IdpDeps, 'idps' | 'clock' | 'store' | 'baseUrl'>) {}

  /** The IdP's provider, or undefined when there is no OIDC IdP with that id. */
  get(idpId: string): MountedProvider | undefined {
    const idp = this.ctx.idps.stored(idpId)?.config;
    if (!idp || idp.protocol !== 'oidc') {
      this.mounted.delete(idpId);
      return undefined;
    }
    let entry = this.mounted.get(idpId);
    if (!entry) {
      const provider = new Provider(
        oidcIssuer(this.ctx, idpId),
        providerConfiguration(this.ctx, idpId),
      );
      // Honour X-Forwarded-Proto/Host when the cloud sits behind a proxy (publicUrl).
      provider.proxy = true;
      provider.on('server_error', (_koa, err) =>
        console.error(`OIDC IdP ${idpId} internal error:`, err),
      );
      const callback = provider.callback();
      entry = { idpId, provider, handle: async (req, res) => callback(req, res) };
      this.mounted.set(idpId, entry);
    }
    return entry;
  }

  drop(idpId: string): void {
    this.mounted.delete(idpId);
  }
}
