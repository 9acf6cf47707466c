/**
 * Notification bookkeeping (domain.md §1.6): one actionable notification at a time (a new one
 * replaces it, never stacks), and a service-status pop-up is not repeated within one minute.
 */
import type {
  ClientNotification,
  Effect,
  EpochMs,
  NotificationAction,
  NotificationState,
} from './types.js';

export const SERVICE_STATUS_TEXT = {
  connected: 'Private Access is Connected.',
  disconnected: 'Private Access is Disconnected.',
  networkDown: 'Services are down because the network is disconnected.',
} as const;

export const ACCESS_BLOCKED_TEXT = 'Application access is blocked by Private Access policy.';

/** The id of the one actionable notification: each new one replaces the last. */
export const ACTIONABLE_NOTIFICATION_ID = 'zpa-reauth';
export const SERVICE_STATUS_NOTIFICATION_ID = 'service-status';
export const ACCESS_BLOCKED_NOTIFICATION_ID = 'access-blocked';

/** Duplicate service-status pop-ups within this window are suppressed. */
export const SERVICE_STATUS_DEDUPE_MS = 60_000;

export const emptyNotifications = (): NotificationState => ({
  actionable: null,
  recentServiceStatus: {},
});

export interface NotificationResult {
  notifications: NotificationState;
  effects: Effect[];
}

/** Shows a service-status pop-up unless the same text was shown less than a minute ago. */
export function showServiceStatus(
  state: NotificationState,
  text: string,
  now: EpochMs,
): NotificationResult {
  const recent: Record<string, EpochMs> = {};
  for (const [shown, at] of Object.entries(state.recentServiceStatus)) {
    if (now - at < SERVICE_STATUS_DEDUPE_MS) recent[shown] = at;
  }
  if (recent[text] !== undefined) {
    return { notifications: { ...state, recentServiceStatus: recent }, effects: [] };
  }
  return {
    notifications: { ...state, recentServiceStatus: { ...recent, [text]: now } },
    effects: [
      {
        type: 'showNotification',
        notification: { id: SERVICE_STATUS_NOTIFICATION_ID, category: 'serviceStatus', text },
      },
    ],
  };
}

/** Shows the actionable notification, replacing whichever one is on screen. */
export function showActionable(
  state: NotificationState,
  text: string,
  action: NotificationAction,
  now: EpochMs,
): NotificationResult {
  const notification: ClientNotification = {
    id: ACTIONABLE_NOTIFICATION_ID,
    category: 'zpaReauthentication',
    text,
    action,
  };
  const effects: Effect[] = [];
  if (state.actionable && state.actionable.id !== notification.id) {
    effects.push({ type: 'dismissNotification', id: state.actionable.id });
  }
  effects.push({ type: 'showNotification', notification });
  return { notifications: { ...state, actionable: { ...notification, shownAt: now } }, effects };
}

/** Takes the actionable notification down (the user authenticated or signed out). */
export function dismissActionable(state: NotificationState): NotificationResult {
  if (!state.actionable) return { notifications: state, effects: [] };
  return {
    notifications: { ...state, actionable: null },
    effects: [{ type: 'dismissNotification', id: state.actionable.id }],
  };
}
