import type { AxiosError, AxiosInstance } from 'axios';
import { connectorRoutes } from '../../shared/contract/cloud-api/connector.js';
import type { loginStart } from '../../shared/contract/cloud-api/connector.js';
import {
  routePath,
  type RouteDef,
  type RouteRequest,
  type RouteResponse,
} from '../../shared/contract/cloud-api/route.js';
import type { ConnectorSessionView, IssuedSession } from '../../shared/model/session.js';
import type { z } from 'zod';
import { ConnectorError } from './connector-error.js';
import { CODES } from '../../shared/errors/codes.js';
import { withoutTrailingSlashes } from '../../shared/url.js';

export type SessionView = ConnectorSessionView;
export type { IssuedSession };
export type LoginStart = z.output<typeof loginStart>;

const routes = connectorRoutes;

/**
 * axios, loaded by the first request: the window shows its state before any is made. A host may
 * load it earlier, once its window is up (the first sign-in is quicker).
 */
export const loadHttpClient = () => import('axios');
type Routes = typeof connectorRoutes;

/** What one call sends: the route's params and body as the contract types them, and the token. */
type CallArgs<D extends RouteDef> = Partial<RouteRequest<D>> & { token?: string };

/**
 * The cloud's connector API over HTTP, typed from the contract (shared/contract/cloud-api):
 * paths, methods and shapes are never written here. Every failure becomes a ConnectorError
 * with its code.
 */
export class CloudApi {
  private http: Promise<AxiosInstance> | null = null;

  constructor(readonly baseUrl: string) {}

  private client(): Promise<AxiosInstance> {
    this.http ??= loadHttpClient().then(({ default: axios }) =>
      axios.create({ baseURL: withoutTrailingSlashes(this.baseUrl), timeout: 15_000 }),
    );
    return this.http;
  }

  discover(username: string) {
    return this.call('discover', { body: { username } });
  }

  startLogin(body: {
    username: string;
    deviceId: string;
    redirectUri: string;
    state: string;
    codeChallenge: string;
  }) {
    return this.call('startLogin', { body: { ...body, codeChallengeMethod: 'S256' } });
  }

  exchangeCode(code: string, codeVerifier: string) {
    return this.call('exchangeCode', { body: { code, codeVerifier } });
  }

  oidcSession(idToken: string, nonce: string, deviceId: string) {
    return this.call('oidcSession', { body: { idToken, nonce, deviceId } });
  }

  session(token: string) {
    return this.call('getSession', { token });
  }

  signOut(token: string) {
    return this.call('signOut', { token });
  }

  /** The live session and app connections (also the heartbeat). */
  state(token: string) {
    return this.call('state', { token });
  }

  apps(token: string) {
    return this.call('apps', { token });
  }

  openApp(token: string, app: string, port: number) {
    return this.call('openApp', { token, body: { app, port } });
  }

  closeConnection(token: string, id: string) {
    return this.call('closeConnection', { token, params: { id } });
  }

  /** The client's own transitions, for the cloud's timeline. */
  reportTransitions(
    token: string,
    events: RouteRequest<Routes['reportTransitions']>['body']['events'],
  ) {
    return this.call('reportTransitions', { token, body: { events } });
  }

  /** The signed-in user's timeline (Troubleshoot → What happened). */
  ownTimeline(token: string) {
    return this.call('ownTimeline', { token });
  }

  private async call<N extends keyof Routes>(
    name: N,
    args: CallArgs<Routes[N]>,
  ): Promise<RouteResponse<Routes[N]>> {
    const def: RouteDef = routes[name];
    try {
      const http = await this.client();
      const res = await http.request<RouteResponse<Routes[N]>>({
        method: def.method,
        url: routePath(def, args.params as Record<string, string> | undefined),
        data: args.body,
        headers: args.token ? { authorization: `Bearer ${args.token}` } : {},
      });
      return res.data;
    } catch (e) {
      throw toConnectorError(e);
    }
  }
}

/** Maps HTTP failures to the codes the client shows (domain.md §1.4: -7, -8, -13 for network). */
export function toConnectorError(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  if (isAxiosError(e)) {
    const body = e.response?.data as { error?: { code?: string; message?: string } } | undefined;
    if (body?.error?.code)
      return new ConnectorError(body.error.code, body.error.message ?? e.message);
    if (e.response) return new ConnectorError(`HTTP_${e.response.status}`, e.message);
    if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
      return new ConnectorError(CODES.DNS_RESOLUTION_FAILED, `DNS resolution failed: ${e.message}`);
    }
    return new ConnectorError(
      CODES.NETWORK_CONNECTION_FAILED,
      `Network connection failed: ${e.message}`,
    );
  }
  return new ConnectorError(CODES.INTERNAL, (e as Error).message ?? String(e));
}

/** axios's own test (AxiosError.isAxiosError), without loading axios to ask. */
function isAxiosError(e: unknown): e is AxiosError {
  return typeof e === 'object' && e !== null && (e as AxiosError).isAxiosError === true;
}
