import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/App';
import { bridgeFor, webShellSignInWindow } from '../../../renderer/bridge';
import { createMockConnector, type MockScenario } from '../../../renderer/dev/mock-connector';
import { StoreProvider, createConnectorStore, startsSignIn } from '../../../renderer/store';

/** A popup the test controls. */
function fakePopup() {
  return {
    closed: false,
    close: vi.fn(function (this: { closed: boolean }) {
      this.closed = true;
    }),
    focus: vi.fn(),
  };
}

async function renderWithPopup(scenario: MockScenario, popup: ReturnType<typeof fakePopup> | null) {
  const mock = createMockConnector({ scenario, autoAdvance: false });
  const open = vi.fn(() => popup as unknown as Window | null);
  const store = createConnectorStore(bridgeFor(mock, undefined, { open }));
  window.history.replaceState(null, '', '#/private-access');
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await screen.findByRole('heading', { level: 1 });
  return { mock, open, store, user: userEvent.setup() };
}

afterEach(() => vi.useRealTimers());

describe('the web shell sign-in window', () => {
  it('opens in the Sign In click and closes when the sign-in ends', async () => {
    const popup = fakePopup();
    const { mock, open, user } = await renderWithPopup('signed-out', popup);
    await user.type(screen.getByLabelText('Username'), 'alex.morgan@acme.example');
    await user.click(screen.getByRole('button', { name: 'Sign In' }));
    expect(open).toHaveBeenCalledTimes(1);
    act(() => void mock.advance());
    expect(popup.close).toHaveBeenCalled();
  });

  it('says so when the browser blocks it, and opens it again on request', async () => {
    const { open, user } = await renderWithPopup('reauth-required', null);
    await user.click(screen.getAllByRole('button', { name: 'Authenticate' })[0]!);
    expect(open).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Your browser blocked the sign-in window.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open Sign-In Window' }));
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('says so when the window is closed before the sign-in finished', async () => {
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
      shouldAdvanceTime: true,
    });
    const popup = fakePopup();
    const { user } = await renderWithPopup('on', popup);
    await user.click(screen.getByRole('button', { name: 'Authenticate Early' }));
    popup.closed = true;
    act(() => vi.advanceTimersByTime(3000));
    expect(
      screen.getByText('The sign-in window was closed before the sign-in finished.'),
    ).toBeTruthy();
  });

  it('opens only for calls that start a sign-in', () => {
    const on = createMockConnector({ scenario: 'on' }).snapshot;
    const out = createMockConnector({ scenario: 'signed-out' }).snapshot;
    expect(startsSignIn('signIn', out)).toBe(true);
    expect(startsSignIn('authenticateEarly', on)).toBe(true);
    expect(startsSignIn('turnOff', on)).toBe(false);
    expect(
      startsSignIn('turnOn', {
        ...on,
        service: { status: 'off', since: 0, turnedOffByUser: true },
      }),
    ).toBe(false);
    expect(startsSignIn('turnOn', out)).toBe(true);
    const okta = createMockConnector({ scenario: 'okta-sync-error' }).snapshot;
    expect(startsSignIn('retry', okta)).toBe(false);
    expect(startsSignIn('retry', { ...okta, auth: { status: 'unauthenticated' } })).toBe(true);
  });

  it('the web shell opener opens /login on the same origin as a popup', () => {
    const open = vi.fn(() => null);
    webShellSignInWindow({
      open,
      location: { origin: 'http://127.0.0.1:4000' } as Location,
    }).open();
    expect(open).toHaveBeenCalledWith(
      'http://127.0.0.1:4000/login',
      'client-connector-sign-in',
      'popup=yes,width=520,height=720',
    );
  });
});
