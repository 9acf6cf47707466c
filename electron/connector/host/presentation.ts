/**
 * What the desktop hosts show outside the window: the tray tooltip and the OS notifications.
 * Pure functions of the snapshot, so the Electron layer only hands them to Tray / Notification.
 */
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { describeError } from '../../../shared/errors/index.js';
import type { ClientNotification, NotificationAction } from '../../../shared/state/types.js';
import { SERVICE_STATUS_TEXT } from '../../../shared/state/notifications.js';
import { authLabel, channelLabel, serviceLabel } from '../../../shared/state/status.js';
import { CODES } from '../../../shared/errors/codes.js';

export const APP_NAME = 'Client Connector';

/** Codes after which the user has lost access (rather than a network hiccup). */
const ACCESS_REMOVED_CODES = new Set<string>([
  CODES.MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE,
  CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
  CODES.SCIM_USERNAME_CHANGED,
  CODES.SESSION_REVOKED,
]);

/** The Service Status and Authentication Status texts: the window's own (shared/state/status.ts). */
export const serviceStatusText = serviceLabel;
export const authStatusText = authLabel;

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
  if (user) lines.push(`User: ${user}`);
  let service = `Private Access: ${serviceStatusText(s.service)}`;
  if (s.service.status === 'on') {
    service += ` (connected ${formatDuration(now - s.service.since)})`;
  } else if (s.service.status === 'error') service += ` (${s.service.code})`;
  lines.push(service);
  lines.push(`Authentication: ${authLabel(s.auth)}`);
  const channel = channelLabel(s.channel);
  if (channel) lines.push(`Cloud updates: ${channel}`);
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
