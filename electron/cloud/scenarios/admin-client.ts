/**
 * The admin API over HTTP, typed from the contract (shared/contract/cloud-api): what a scenario
 * does, it does as an admin would, through the same routes, against this process's cloud or
 * any other (`--cloud <url>`). Paths and methods are never written here.
 */
import { CLOUD_ROUTES, type CloudRouteName } from '../../../shared/contract/cloud-api/index.js';
import {
  routePath,
  type RouteRequest,
  type RouteResponse,
} from '../../../shared/contract/cloud-api/route.js';
import { withoutTrailingSlashes } from '../../../shared/url.js';

type Routes = typeof CLOUD_ROUTES;
type Args<N extends CloudRouteName> = Partial<RouteRequest<Routes[N]>>;

/** An admin API call that did not succeed: its status and the admin error body. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class AdminClient {
  constructor(
    readonly baseUrl: string,
    private readonly authorization: string,
  ) {}

  static withToken(baseUrl: string, adminToken: string): AdminClient {
    return new AdminClient(withoutTrailingSlashes(baseUrl), `Bearer ${adminToken}`);
  }

  async call<N extends CloudRouteName>(
    name: N,
    args: Args<N> = {},
  ): Promise<RouteResponse<Routes[N]>> {
    const def = CLOUD_ROUTES[name];
    let url = `${this.baseUrl}${routePath(def, args.params as Record<string, string> | undefined)}`;
    if (args.query) {
      url += `?${new URLSearchParams(args.query as Record<string, string>)}`;
    }
    const res = await fetch(url, {
      method: def.method,
      headers: {
        authorization: this.authorization,
        ...(args.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: args.body !== undefined ? JSON.stringify(args.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) {
      let code = `http_${res.status}`;
      let message = text;
      try {
        const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
        code = body.error?.code ?? code;
        message = body.error?.message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new AdminApiError(
        res.status,
        code,
        `${def.method} ${def.path}: ${res.status} ${message}`,
      );
    }
    return (text ? JSON.parse(text) : undefined) as RouteResponse<Routes[N]>;
  }
}
