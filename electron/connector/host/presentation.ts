/**
 * What the desktop hosts show outside the window: the tray tooltip and the OS notifications.
 * Pure functions of the snapshot, so the Electron layer only hands them to Tray / Notification.
 */
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { describeError } from '../../../shared/errors/index.js';
import type { ClientNotification, NotificationAction } from '../../../shared/state/types.js';
import { SERVICE_STATUS_TEXT } from '../../../shared/state/notifications.js';
import { CODES } from '../../../shared/errors/codes.js';

export const APP_NAME = 'Client Connector';

/** Codes after which the user has lost access (rather than a network hiccup). */
const ACCESS_REMOVED_CODES = new Set<string>([
  CODES.MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE,
  CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
  CODES.SCIM_USERNAME_CHANGED,
  CODES.SESSION_REVOKED,
]);

export function serviceStatusText(s: ConnectorSnapshot['service']): string {
  switch (s.status) {
    case 'on':
      return 'On';
    case 'off':
      return 'Off';
    case 'connecting':
      return 'Connecting';
    case 'disconnecting':
      return 'Disconnecting';
    case 'error':
      return s.kind;
  }
}

export function authStatusText(a: ConnectorSnapshot['auth']): string {
  switch (a.status) {
    case 'authenticated':
      return 'Authenticated';
    case 'authenticating':
      return 'Authenticating';
    case 'reauthRequired':
      return 'Authentication Required';
    case 'unauthenticated':
      return 'Not signed in';
  }
}

/** `1 h 05 min`, `12 min`, `< 1 min`. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '< 1 min';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

/** The tray tooltip: who, the Service Status, the time connected, the Authentication Status. */
export function trayTooltip(s: ConnectorSnapshot, now: number): string {
  const lines = [APP_NAME];
  const user = s.username ?? (s.auth.status === 'authenticated' ? s.auth.user : null);
  lines.push(user ? `User: ${user}` : 'Not signed in');
  let service = `Private Access: ${serviceStatusText(s.service)}`;
  if (s.service.status === 'on') {
    service += ` (connected ${formatDuration(now - s.service.since)})`;
  } else if (s.service.status === 'error') service += ` (${s.service.code})`;
  lines.push(service);
  if (s.auth.status === 'reauthRequired') lines.push('Authentication Required');
  return lines.join('\n');
}

export interface OsNotification {
  /** Replaces a shown notification with the same id. */
  id: string;
  title: string;
  body: string;
  /** Button (where the platform has them) and the call it makes. */
  action?: NotificationAction;
  urgency: 'low' | 'normal' | 'critical';
}

/**
 * The OS notification for one of the core's notifications: connected, disconnected, reauth
 * soon, reauth required, access removed, access blocked. `snapshot` is the state right after it.
 */
export function osNotificationFor(n: ClientNotification, s: ConnectorSnapshot): OsNotification {
  const base = { id: n.id, body: n.text };
  if (n.category === 'zpaReauthentication') {
    return n.action?.event === 'authenticateEarly'
      ? {
          ...base,
          title: 'Reauthentication due soon',
          action: n.action,
          urgency: 'normal',
          body: withExpiry(n.text, s),
        }
      : {
          ...base,
          title: 'Authentication Required',
          ...(n.action ? { action: n.action } : {}),
          urgency: 'critical',
        };
  }
  if (n.category === 'serviceStatus') {
    if (n.text === SERVICE_STATUS_TEXT.connected) {
      return { ...base, title: 'Private Access connected', urgency: 'low' };
    }
    if (s.service.status === 'error' && ACCESS_REMOVED_CODES.has(s.service.code)) {
      const entry = describeError(s.service.code, s.service.reason);
      return {
        ...base,
        title: 'Access removed',
        body: `${entry.message} (${s.service.code})`,
        urgency: 'critical',
      };
    }
    return { ...base, title: 'Private Access disconnected', urgency: 'normal' };
  }
  if (n.category === 'critical') {
    return { ...base, title: APP_NAME, urgency: 'critical' };
  }
  return { ...base, title: 'Access blocked', urgency: 'normal' };
}

function withExpiry(text: string, s: ConnectorSnapshot): string {
  if (s.auth.status !== 'authenticated' || s.auth.expiresAt === null) return text;
  return `${text} Expires at ${new Date(s.auth.expiresAt).toLocaleTimeString()}.`;
}
