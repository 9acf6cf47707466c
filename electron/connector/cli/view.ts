/** What the connector's command line prints: the client's state and errors as JSON. */
import { describeError } from '../../../shared/errors/index.js';
import { authLabel, channelLabel, serviceLabel } from '../../../shared/state/status.js';
import type { ConnectorSnapshot } from '../core/connector-core.js';

export type ErrorView = ReturnType<typeof errorView>;

/** An error code with the catalog's explanation (title, cause, what the user and admin do). */
export function errorView(code: string, message?: string, reason?: string, vendor?: string) {
  const entry = describeError(code, reason, vendor);
  return {
    code,
    ...(reason ? { reason } : {}),
    title: entry.title,
    message: message ?? entry.message,
    cause: entry.cause,
    userAction: entry.userAction,
    adminAction: entry.adminAction,
  };
}

function serviceView(service: ConnectorSnapshot['service']) {
  const status = serviceLabel(service);
  if (service.status === 'error') {
    return { status, ...errorView(service.code, undefined, service.reason) };
  }
  if (service.status === 'on') {
    const since = new Date(service.since).toISOString();
    return { status, broker: service.broker, since, ...service.stats };
  }
  return { status };
}

function authenticationView(a: ConnectorSnapshot['auth']) {
  const status = authLabel(a);
  switch (a.status) {
    case 'authenticated':
      return {
        status,
        user: a.user,
        idp: a.idp,
        method: a.method,
        authTime: new Date(a.authTime).toISOString(),
        expiresAt: a.expiresAt ? new Date(a.expiresAt).toISOString() : null,
        scimReady: a.scimReady,
      };
    case 'reauthRequired':
      return { status, reason: a.reason, apps: a.apps, user: a.user, idp: a.idp };
    case 'authenticating':
      return { status, method: a.method };
    default:
      return {
        status,
        ...(a.lastError
          ? { lastError: errorView(a.lastError.code, undefined, a.lastError.reason) }
          : {}),
      };
  }
}

/** The state as the real client shows it: Service Status and Authentication Status. */
export function view(s: ConnectorSnapshot) {
  return {
    cloud: s.cloudUrl,
    deviceId: s.deviceId,
    service: serviceView(s.service),
    authentication: authenticationView(s.auth),
    ...(channelLabel(s.channel) ? { cloudUpdates: channelLabel(s.channel) } : {}),
    ...(s.session
      ? {
          session: {
            id: s.session.id,
            scimStatus: s.session.scimStatus,
            scimReady: s.session.scimReady,
          },
        }
      : {}),
    connections: s.connections.map((c) => ({
      id: c.id,
      app: c.app,
      port: c.port,
      bytesSent: c.bytesSent,
      bytesReceived: c.bytesReceived,
    })),
  };
}
