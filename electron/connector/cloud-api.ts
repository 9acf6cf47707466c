import axios, { AxiosError, type AxiosInstance } from 'axios';
import type {
  AccessDecision,
  AppConnectionView,
  AppSummary,
  PushEvent,
} from '../../shared/model/broker.js';
import type { ConnectorSessionView, IssuedSession } from '../../shared/model/session.js';
import { ConnectorError } from './connector-error.js';
import { CODES } from '../../shared/errors/codes.js';

export type SessionView = ConnectorSessionView;
export type { IssuedSession };

export type LoginStart =
  | { protocol: 'saml'; idpId: string; idpName: string; loginUrl: string }
  | {
      protocol: 'oidc';
      idpId: string;
      idpName: string;
      issuer: string;
      clientId: string;
      redirectUri: string;
      scopes: string[];
    };

/** The cloud's connector API over HTTP; every failure becomes a ConnectorError with its code. */
export class CloudApi {
  private readonly http: AxiosInstance;

  constructor(readonly baseUrl: string) {
    this.http = axios.create({
      baseURL: `${baseUrl.replace(/\/+$/, '')}/api/connector`,
      timeout: 15_000,
    });
  }

  discover(username: string) {
    return this.call<{ idpId: string; idpName: string; protocol: 'saml' | 'oidc'; vendor: string }>(
      'post',
      '/discover',
      { username },
    );
  }

  startLogin(body: {
    username: string;
    deviceId: string;
    redirectUri: string;
    state: string;
    codeChallenge: string;
  }) {
    return this.call<LoginStart>('post', '/login/start', { ...body, codeChallengeMethod: 'S256' });
  }

  exchangeCode(code: string, codeVerifier: string) {
    return this.call<IssuedSession>('post', '/login/exchange', { code, codeVerifier });
  }

  oidcSession(idToken: string, nonce: string, deviceId: string) {
    return this.call<IssuedSession>('post', '/login/oidc', { idToken, nonce, deviceId });
  }

  session(token: string) {
    return this.call<SessionView>('get', '/session', undefined, token);
  }

  signOut(token: string) {
    return this.call<void>('delete', '/session', undefined, token);
  }

  /** The live session and app connections (also the heartbeat). */
  state(token: string) {
    return this.call<Extract<PushEvent, { type: 'snapshot' }>>('get', '/state', undefined, token);
  }

  apps(token: string) {
    return this.call<AppSummary[]>('get', '/apps', undefined, token);
  }

  openApp(token: string, app: string, port: number) {
    return this.call<{ decision: AccessDecision; connection: AppConnectionView | null }>(
      'post',
      '/apps/open',
      { app, port },
      token,
    );
  }

  closeConnection(token: string, id: string) {
    return this.call<AppConnectionView>(
      'delete',
      `/connections/${encodeURIComponent(id)}`,
      undefined,
      token,
    );
  }

  private async call<T>(
    method: 'get' | 'post' | 'delete',
    path: string,
    data?: unknown,
    token?: string,
  ) {
    try {
      const res = await this.http.request<T>({
        method,
        url: path,
        data,
        headers: token ? { authorization: `Bearer ${token}` } : {},
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
