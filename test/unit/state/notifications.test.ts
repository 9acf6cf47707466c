import { describe, expect, it } from 'vitest';
import {
  ACCESS_BLOCKED_TEXT,
  ACTIONABLE_NOTIFICATION_ID,
  AUTHENTICATE,
  AUTHENTICATE_EARLY,
  REAUTH_REQUIRED_TEXT,
  REAUTH_WARNING_TEXT,
  SERVICE_STATUS_TEXT,
  dismissActionable,
  emptyNotifications,
  showActionable,
  showServiceStatus,
} from '../../../shared/state/index.js';

const T = Date.UTC(2025, 0, 6, 9, 0, 0);

describe('service-status pop-ups', () => {
  it('suppresses a duplicate within one minute and shows it again after', () => {
    const first = showServiceStatus(emptyNotifications(), SERVICE_STATUS_TEXT.connected, T);
    expect(first.effects).toEqual([
      {
        type: 'showNotification',
        notification: {
          id: 'service-status',
          category: 'serviceStatus',
          text: SERVICE_STATUS_TEXT.connected,
        },
      },
    ]);
    const dup = showServiceStatus(first.notifications, SERVICE_STATUS_TEXT.connected, T + 59_999);
    expect(dup.effects).toEqual([]);
    const later = showServiceStatus(dup.notifications, SERVICE_STATUS_TEXT.connected, T + 60_000);
    expect(later.effects).toHaveLength(1);
  });

  it('does not suppress a different text, and forgets texts older than a minute', () => {
    const a = showServiceStatus(emptyNotifications(), SERVICE_STATUS_TEXT.connected, T);
    const b = showServiceStatus(a.notifications, SERVICE_STATUS_TEXT.disconnected, T + 1_000);
    expect(b.effects).toHaveLength(1);
    const c = showServiceStatus(b.notifications, SERVICE_STATUS_TEXT.networkDown, T + 70_000);
    expect(Object.keys(c.notifications.recentServiceStatus)).toEqual([
      SERVICE_STATUS_TEXT.networkDown,
    ]);
  });
});

describe('the actionable notification', () => {
  it('is one at a time: a new one replaces the last (same id), never stacks', () => {
    const w = showActionable(emptyNotifications(), REAUTH_WARNING_TEXT, AUTHENTICATE_EARLY, T);
    const r = showActionable(w.notifications, REAUTH_REQUIRED_TEXT, AUTHENTICATE, T + 1);
    for (const step of [w, r]) {
      expect(step.effects).toHaveLength(1);
      expect(step.effects[0]).toMatchObject({
        type: 'showNotification',
        notification: { id: ACTIONABLE_NOTIFICATION_ID },
      });
    }
    expect(r.notifications.actionable).toEqual({
      id: ACTIONABLE_NOTIFICATION_ID,
      category: 'zpaReauthentication',
      text: REAUTH_REQUIRED_TEXT,
      action: AUTHENTICATE,
      shownAt: T + 1,
    });
  });

  it('dismisses an actionable with another id before showing the new one', () => {
    const state = {
      ...emptyNotifications(),
      actionable: { id: 'legacy', category: 'critical' as const, text: 'x', shownAt: T },
    };
    expect(
      showActionable(state, REAUTH_REQUIRED_TEXT, AUTHENTICATE, T).effects.map((e) => e.type),
    ).toEqual(['dismissNotification', 'showNotification']);
  });

  it('dismisses only what is shown', () => {
    const shown = showActionable(emptyNotifications(), REAUTH_REQUIRED_TEXT, AUTHENTICATE, T);
    const gone = dismissActionable(shown.notifications);
    expect(gone.effects).toEqual([{ type: 'dismissNotification', id: ACTIONABLE_NOTIFICATION_ID }]);
    expect(gone.notifications.actionable).toBeNull();
    const again = dismissActionable(gone.notifications);
    expect(again.effects).toEqual([]);
    expect(again.notifications).toBe(gone.notifications);
  });
});

it("the pop-up texts are the real client's (domain.md §1.5, §1.6)", () => {
  expect(ACCESS_BLOCKED_TEXT).toBe('Application access is blocked by Private Access policy.');
  expect(SERVICE_STATUS_TEXT).toEqual({
    connected: 'Private Access is Connected.',
    disconnected: 'Private Access is Disconnected.',
    networkDown: 'Services are down because the network is disconnected.',
  });
});
