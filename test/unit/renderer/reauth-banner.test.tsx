import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMockConnector } from '../../../renderer/dev/mock-connector';
import { bannerView } from '../../../renderer/store';
import { REAUTH_REQUIRED_TEXT, REAUTH_WARNING_TEXT } from '../../../shared/state/reauth-schedule';
import { renderApp, userCalls } from './helpers';

const T0 = Date.parse('2025-06-03T10:00:00Z');
const banners = () => screen.queryAllByRole('region', { name: 'Reauthentication' });

describe('reauthentication banner', () => {
  it('counts down to auth.expiresAt every second and offers Authenticate Early', async () => {
    // Fake the clock and the one-second ticker only (Testing Library waits on real timeouts).
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const mock = createMockConnector({
      scenario: 'reauth-warning',
      autoAdvance: false,
      view: 'insight',
    });
    // expiresAt = T0 + 12 min 30 s
    const { user } = await renderApp({ view: 'insight', mock });
    const [banner] = banners();
    expect(banners()).toHaveLength(1);
    expect(within(banner!).getByText(REAUTH_WARNING_TEXT)).toBeTruthy();
    expect(within(banner!).getByText('12 min 30 s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1000));
    expect(within(banner!).getByText('12 min 29 s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(60_000));
    expect(within(banner!).getByText('11 min 29 s')).toBeTruthy();

    await user.click(within(banner!).getByRole('button', { name: 'Authenticate Early' }));
    expect(userCalls(mock)).toEqual(['authenticateEarly']);
    // While the sign-in runs the banner stays, without its button.
    expect(within(banners()[0]!).getByText('Authenticating…')).toBeTruthy();
    expect(within(banners()[0]!).queryByRole('button')).toBeNull();
    act(() => void mock.advance());
    expect(banners()).toHaveLength(0);
  });

  it('uses the cloud clock offset for the countdown', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const mock = createMockConnector({
      scenario: 'reauth-warning',
      autoAdvance: false,
      view: 'insight',
    });
    await renderApp({ view: 'insight', mock });
    // The cloud is 10 minutes ahead (a trainer fast-forwarded it): 2 min 30 s are left.
    act(() => mock.update({ clockOffsetMs: 10 * 60_000 }));
    expect(within(banners()[0]!).getByText('2 min 30 s')).toBeTruthy();
  });

  it('shows one banner when reauthentication is required, with Authenticate', async () => {
    const { mock, user } = await renderApp({
      view: 'insight',
      scenario: 'reauth-required',
      page: 'apps',
    });
    expect(banners()).toHaveLength(1);
    const banner = banners()[0]!;
    expect(within(banner).getByText(REAUTH_REQUIRED_TEXT)).toBeTruthy();
    expect(within(banner).getByText(/authentication timeout/)).toBeTruthy();
    // A repeated notice replaces the one shown: still one banner.
    act(() =>
      mock.notify({
        id: 'zpa-reauth',
        category: 'zpaReauthentication',
        text: REAUTH_REQUIRED_TEXT,
        action: { label: 'Authenticate', event: 'authenticate' },
      }),
    );
    act(() =>
      mock.update({
        banner: {
          id: 'zpa-reauth',
          category: 'zpaReauthentication',
          text: 'Access to Jira requires you to reauthenticate.',
        },
      }),
    );
    expect(banners()).toHaveLength(1);
    expect(
      within(banners()[0]!).getByText('Access to Jira requires you to reauthenticate.'),
    ).toBeTruthy();
    // The reauth notification is the banner, not a toast.
    expect(screen.getByRole('status', { name: 'Notification' }).textContent).toBe('');
    await user.click(within(banners()[0]!).getByRole('button', { name: 'Authenticate' }));
    expect(userCalls(mock)).toEqual(['authenticate']);
  });

  it('shows no banner when none is due', async () => {
    await renderApp({ view: 'insight', scenario: 'on' });
    expect(banners()).toHaveLength(0);
  });

  it('bannerView: one view whatever mix of banner and auth state', () => {
    const s = createMockConnector({ scenario: 'reauth-required' }).snapshot;
    expect(bannerView(s)?.phase).toBe('required');
    expect(bannerView({ ...s, banner: null })?.actionLabel).toBe('Authenticate');
    const on = createMockConnector({ scenario: 'on' }).snapshot;
    expect(bannerView(on)).toBeNull();
    const warn = createMockConnector({ scenario: 'reauth-warning' }).snapshot;
    expect(bannerView(warn)).toMatchObject({ phase: 'warning', action: 'authenticateEarly' });
    // A first sign-in never shows the banner.
    expect(
      bannerView({
        ...warn,
        auth: { status: 'authenticating', method: null, purpose: 'signIn', since: 0, resume: null },
      }),
    ).toBeNull();
  });
});
