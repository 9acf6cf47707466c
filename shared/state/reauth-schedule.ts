/**
 * When to show the ZPA reauthentication notifications (domain.md §1.6): a warning with
 * Authenticate Early from "Advanced Notification time" (5–1440 min) before expiry, repeated every
 * "Show ZPA Reauthentication Notifications Every" (2–1440 min); after expiry, the reauthentication
 * notice with Authenticate, on the same repeat.
 */
import type { EpochMs, NotificationAction } from './types.js';

export const REAUTH_WARNING_TEXT =
  'Access to all or certain private applications will expire soon. Reauthenticate before your access expires.';
export const REAUTH_REQUIRED_TEXT =
  'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.';

export const WARN_BEFORE_MINUTES = { min: 5, max: 1440 } as const;
export const REPEAT_EVERY_MINUTES = { min: 2, max: 1440 } as const;

export const AUTHENTICATE_EARLY: NotificationAction = {
  label: 'Authenticate Early',
  event: 'authenticateEarly',
};
export const AUTHENTICATE: NotificationAction = { label: 'Authenticate', event: 'authenticate' };

export interface ReauthNotificationSettings {
  /** "Notify Users before ZPA Authentication Expires". */
  enabled: boolean;
  warnBeforeMinutes: number;
  repeatEveryMinutes: number;
}

/** Our defaults where the docs give only ranges (see the report of shared/state). */
export const DEFAULT_REAUTH_NOTIFICATIONS: ReauthNotificationSettings = {
  enabled: true,
  warnBeforeMinutes: 15,
  repeatEveryMinutes: 5,
};

export interface ReauthNotice {
  phase: 'warning' | 'expired';
  text: string;
  action: NotificationAction;
}

export interface ReauthScheduleInput {
  /** When access expires; null (timeout Never) means nothing is ever due. */
  expiresAt: EpochMs | null;
  warnBeforeMinutes: number;
  repeatEveryMinutes: number;
  now: EpochMs;
}

export interface ReauthSchedule {
  /** The notice that applies at `now` (null before the warning window). */
  current: ReauthNotice | null;
  /** The next time a notification is due, strictly after `now`, and what it says. */
  next: ({ at: EpochMs } & ReauthNotice) | null;
  /** The settings after clamping to their documented ranges. */
  warnBeforeMinutes: number;
  repeatEveryMinutes: number;
}

const MINUTE = 60_000;

export function clampMinutes(value: number, range: { min: number; max: number }): number {
  if (!Number.isFinite(value)) return range.min;
  return Math.min(range.max, Math.max(range.min, Math.round(value)));
}

export const reauthNotice = (phase: ReauthNotice['phase']): ReauthNotice =>
  phase === 'warning'
    ? { phase, text: REAUTH_WARNING_TEXT, action: AUTHENTICATE_EARLY }
    : { phase, text: REAUTH_REQUIRED_TEXT, action: AUTHENTICATE };

/**
 * Warnings fall on warnStart + k·repeat (warnStart = expiresAt − warnBefore) while before
 * expiry; the expiry notice falls on expiresAt + k·repeat. Pure.
 */
export function reauthSchedule(input: ReauthScheduleInput): ReauthSchedule {
  const warnBeforeMinutes = clampMinutes(input.warnBeforeMinutes, WARN_BEFORE_MINUTES);
  const repeatEveryMinutes = clampMinutes(input.repeatEveryMinutes, REPEAT_EVERY_MINUTES);
  const result = { warnBeforeMinutes, repeatEveryMinutes };
  const { expiresAt, now } = input;
  if (expiresAt === null) return { ...result, current: null, next: null };

  const repeat = repeatEveryMinutes * MINUTE;
  const warnStart = expiresAt - warnBeforeMinutes * MINUTE;
  /** The first slot anchor + k·repeat strictly after now (k ≥ 0). */
  const slotAfter = (anchor: EpochMs) =>
    now < anchor ? anchor : anchor + (Math.floor((now - anchor) / repeat) + 1) * repeat;

  if (now < warnStart) {
    return { ...result, current: null, next: { at: warnStart, ...reauthNotice('warning') } };
  }
  if (now < expiresAt) {
    const warning = slotAfter(warnStart);
    const next =
      warning < expiresAt
        ? { at: warning, ...reauthNotice('warning') }
        : { at: expiresAt, ...reauthNotice('expired') };
    return { ...result, current: reauthNotice('warning'), next };
  }
  return {
    ...result,
    current: reauthNotice('expired'),
    next: { at: slotAfter(expiresAt), ...reauthNotice('expired') },
  };
}
