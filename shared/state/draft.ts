/**
 * The next state under construction during one transition: handlers change its fields and emit
 * effects; `result()` returns the previous state object itself when nothing changed, so hosts can
 * tell a no-op (and send no snapshot).
 */
import type { BackoffConfig, RandomSource } from './backoff.js';
import {
  dismissActionable,
  emptyNotifications,
  showActionable,
  showServiceStatus,
  type NotificationResult,
} from './notifications.js';
import type { ReauthNotificationSettings } from './reauth-schedule.js';
import type {
  AuthStatus,
  ChannelStatus,
  ClientState,
  Effect,
  EpochMs,
  NotificationAction,
  NotificationState,
  ServiceStatus,
  SessionData,
  Transition,
} from './types.js';

export interface MachineConfig {
  backoff: BackoffConfig;
  reauthNotifications: ReauthNotificationSettings;
}

/** Notifications kept in the history (the Notifications window). */
const HISTORY_MAX = 100;

export const emptySessionData = (): SessionData => ({
  username: null,
  session: null,
  apps: [],
  connections: [],
  lastError: null,
  policyVersion: 0,
  history: [],
});

export const CHANNEL_CLOSED: ChannelStatus = { status: 'closed' };

export class Draft {
  service: ServiceStatus;
  auth: AuthStatus;
  notifications: NotificationState;
  channel: ChannelStatus;
  data: SessionData;
  readonly effects: Effect[] = [];
  private notificationsChanged = false;
  private readonly startChannel: ChannelStatus;
  private readonly startData: SessionData;

  constructor(
    readonly initial: ClientState,
    readonly now: EpochMs,
    readonly config: MachineConfig,
    readonly random: RandomSource,
  ) {
    this.service = initial.service;
    this.auth = initial.auth;
    this.notifications = initial.notifications ?? emptyNotifications();
    this.channel = this.startChannel = initial.channel ?? CHANNEL_CLOSED;
    this.data = this.startData = initial.data ?? emptySessionData();
  }

  /** Queues effects; a notification shown is also recorded in the history. */
  emit(...effects: Effect[]) {
    for (const e of effects) {
      if (e.type === 'showNotification') {
        const history = [{ ...e.notification, at: this.now }, ...this.data.history];
        this.setData({ history: history.slice(0, HISTORY_MAX) });
      }
      this.effects.push(e);
    }
  }

  setData(patch: Partial<SessionData>) {
    this.data = { ...this.data, ...patch };
  }

  private apply(result: NotificationResult) {
    if (result.notifications !== this.notifications) this.notificationsChanged = true;
    this.notifications = result.notifications;
    this.emit(...result.effects);
  }

  notifyServiceStatus(text: string) {
    this.apply(showServiceStatus(this.notifications, text, this.now));
  }

  notifyActionable(text: string, action: NotificationAction) {
    this.apply(showActionable(this.notifications, text, action, this.now));
  }

  dismissActionable() {
    this.apply(dismissActionable(this.notifications));
  }

  result(): Transition {
    const i = this.initial;
    const unchanged =
      this.service === i.service &&
      this.auth === i.auth &&
      !this.notificationsChanged &&
      this.channel === this.startChannel &&
      this.data === this.startData;
    if (unchanged && this.effects.length === 0) return { state: i, effects: [] };
    return {
      state: {
        service: this.service,
        auth: this.auth,
        notifications: this.notifications,
        channel: this.channel,
        data: this.data,
      },
      effects: this.effects,
    };
  }
}
