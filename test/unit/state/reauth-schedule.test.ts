import { describe, expect, it } from 'vitest';
import {
  REAUTH_REQUIRED_TEXT,
  REAUTH_WARNING_TEXT,
  clampMinutes,
  reauthSchedule,
  type ReauthScheduleInput,
} from '../../../shared/state/index.js';

const MIN = 60_000;
const EXP = Date.UTC(2025, 0, 6, 17, 0, 0);
const at = (minutesFromExpiry: number) => EXP + minutesFromExpiry * MIN;
const input = (now: number, more: Partial<ReauthScheduleInput> = {}): ReauthScheduleInput => ({
  expiresAt: EXP,
  warnBeforeMinutes: 15,
  repeatEveryMinutes: 5,
  now,
  ...more,
});

const warning = {
  phase: 'warning',
  text: REAUTH_WARNING_TEXT,
  action: { label: 'Authenticate Early', event: 'authenticateEarly' },
};
const expired = {
  phase: 'expired',
  text: REAUTH_REQUIRED_TEXT,
  action: { label: 'Authenticate', event: 'authenticate' },
};

describe('reauthSchedule', () => {
  it('before the warning window: nothing now, the first warning at expiry − warnBefore', () => {
    const s = reauthSchedule(input(at(-60)));
    expect(s.current).toBeNull();
    expect(s.next).toEqual({ at: at(-15), ...warning });
  });

  it('in the window: a warning now, then every repeat interval until expiry', () => {
    expect(reauthSchedule(input(at(-15)))).toMatchObject({
      current: warning,
      next: { at: at(-10), ...warning },
    });
    expect(reauthSchedule(input(at(-12)))).toMatchObject({ next: { at: at(-10) } });
    expect(reauthSchedule(input(at(-10)))).toMatchObject({ next: { at: at(-5) } });
    // The last warning slot is followed by the expiry notice, at the expiry itself.
    expect(reauthSchedule(input(at(-5)))).toMatchObject({
      current: warning,
      next: { at: EXP, ...expired },
    });
    expect(reauthSchedule(input(at(-1)))).toMatchObject({ next: { at: EXP, ...expired } });
  });

  it('slots are anchored at the window start, not at "now" (a late timer does not drift)', () => {
    expect(reauthSchedule(input(at(-15) + 3_000)).next?.at).toBe(at(-10));
  });

  it('after expiry: the Authenticate notice, repeated', () => {
    expect(reauthSchedule(input(EXP))).toEqual({
      current: expired,
      next: { at: at(5), ...expired },
      warnBeforeMinutes: 15,
      repeatEveryMinutes: 5,
    });
    expect(reauthSchedule(input(at(7))).next?.at).toBe(at(10));
    expect(reauthSchedule(input(at(60 * 24))).next?.at).toBe(at(60 * 24 + 5));
  });

  it("the texts are the real client's", () => {
    expect(REAUTH_WARNING_TEXT).toBe(
      'Access to all or certain private applications will expire soon. Reauthenticate before your access expires.',
    );
    expect(REAUTH_REQUIRED_TEXT).toBe(
      'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.',
    );
  });

  it('a timeout of Never has nothing due', () => {
    expect(reauthSchedule(input(at(-1), { expiresAt: null }))).toMatchObject({
      current: null,
      next: null,
    });
  });

  it('clamps the warning to 5–1440 minutes and the repeat to 2–1440 minutes', () => {
    expect(reauthSchedule(input(at(-60), { warnBeforeMinutes: 1 }))).toMatchObject({
      warnBeforeMinutes: 5,
      next: { at: at(-5) },
    });
    expect(reauthSchedule(input(at(-3000), { warnBeforeMinutes: 5000 }))).toMatchObject({
      warnBeforeMinutes: 1440,
      next: { at: at(-1440) },
    });
    expect(reauthSchedule(input(at(-15), { repeatEveryMinutes: 0 }))).toMatchObject({
      repeatEveryMinutes: 2,
      next: { at: at(-13) },
    });
    expect(reauthSchedule(input(EXP, { repeatEveryMinutes: 99_999 }))).toMatchObject({
      repeatEveryMinutes: 1440,
      next: { at: at(1440) },
    });
    // A repeat longer than the window: one warning, then the expiry notice.
    expect(reauthSchedule(input(at(-15), { repeatEveryMinutes: 60 })).next).toMatchObject({
      at: EXP,
      phase: 'expired',
    });
  });

  it('clampMinutes rounds and falls back to the minimum for nonsense', () => {
    expect(clampMinutes(7.4, { min: 5, max: 1440 })).toBe(7);
    expect(clampMinutes(Number.NaN, { min: 5, max: 1440 })).toBe(5);
    expect(clampMinutes(Number.POSITIVE_INFINITY, { min: 2, max: 1440 })).toBe(2);
    expect(clampMinutes(-4, { min: 2, max: 1440 })).toBe(2);
  });

  it('next is always strictly after now, and current matches the phase', () => {
    for (let m = -40; m <= 40; m += 0.5) {
      const now = at(m);
      const s = reauthSchedule(input(now, { repeatEveryMinutes: 3, warnBeforeMinutes: 20 }));
      expect(s.next!.at).toBeGreaterThan(now);
      expect(s.current?.phase ?? null).toBe(m < -20 ? null : m < 0 ? 'warning' : 'expired');
    }
  });
});
