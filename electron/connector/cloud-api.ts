import axios, { AxiosError, type AxiosInstance } from 'axios';
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

export type SessionView = ConnectorSessionView;
export type { IssuedSession };
export type LoginStart = z.output<typeof loginStart>;

const routes = connectorRoutes;
type Routes = typeof connectorRoutes;

/** What one call sends: the route's params and body as the contract types them, and the token. */
type CallArgs<D extends RouteDef> = Partial<RouteRequest<D>> & { token?: string };

/**
 * The cloud's connector API over HTTP, typed from the contract (shared/contract/cloud-api):
 * paths, methods and shapes are never written here. Every failure becomes a ConnectorError
 * with its code.
 */
export class CloudApi {
  private readonly http: AxiosInstance;

  constructor(readonly baseUrl: string) {
    this.http = axios.create({ baseURL: baseUrl.replace(/\/+$/, ''), timeout: 15_000 });
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
      const res = await this.http.request<RouteResponse<Routes[N]>>({
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
  if (e instanceof AxiosError) {
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
