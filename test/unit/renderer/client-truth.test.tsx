/**
 * The window tells the truth (issue 8): the rows never contradict each other, and a lost push
 * channel is a visible state, not silence.
 */
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/App';
import { bridgeFor } from '../../../renderer/bridge';
import { createMockConnector } from '../../../renderer/dev/mock-connector';
import { StoreProvider, createConnectorStore } from '../../../renderer/store';
import { renderApp } from './helpers';

/** The value cell of a status row, by its label. */
const row = (label: string) => screen.queryByText(label, { selector: 'dt' })?.parentElement ?? null;

describe('the Private Access rows', () => {
  it('show SCIM Policy: Ready only beside an active, authenticated user', async () => {
    await renderApp({ view: 'insight', scenario: 'on' });
    expect(row('SCIM Policy')?.textContent).toContain('Ready');
  });

  it('never show SCIM Policy: Ready beside "Not synced to the SCIM directory"', async () => {
    await renderApp({ view: 'insight', scenario: 'okta-sync-error' });
    expect(row('Directory Sync')?.textContent).toContain('Not synced to the SCIM directory');
    expect(row('SCIM Policy')).toBeNull();
  });

  it('never show SCIM Policy: Ready beside "Authentication Required"', async () => {
    await renderApp({ view: 'insight', scenario: 'reauth-required' });
    expect(screen.getByRole('status', { name: 'Authentication Status' }).textContent).toBe(
      'Authentication Required',
    );
    expect(row('SCIM Policy')).toBeNull();
  });
});

describe('a lost push channel', () => {
  it('shows "Reconnecting…" until the channel is back', async () => {
    const { mock } = await renderApp({ view: 'insight', scenario: 'on' });
    expect(screen.queryByRole('status', { name: 'Cloud Updates' })).toBeNull();
    act(() => mock.dispatch({ type: 'channelLost', code: 'CONNECTION_LOST' }));
    expect(screen.getByRole('status', { name: 'Cloud Updates' }).textContent).toBe('Reconnecting…');
    act(() => mock.dispatch({ type: 'channelRetryDue' }));
    expect(screen.getByRole('status', { name: 'Cloud Updates' }).textContent).toBe('Reconnecting…');
    act(() => void mock.advance()); // the channel opens again
    expect(screen.queryByRole('status', { name: 'Cloud Updates' })).toBeNull();
  });
});

describe('a cancelled sign-in', () => {
  it('is a neutral note on the Sign In page, not a red error', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'signed-out' });
    await user.type(screen.getByLabelText('Username'), 'alex.morgan@acme.example');
    await user.click(screen.getByRole('button', { name: 'Sign In' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(mock.snapshot.auth).toMatchObject({ lastError: { code: 'SIGN_IN_CANCELLED' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('The sign-in was cancelled.').getAttribute('role')).toBe('status');
  });
});

describe('the Okta sync error', () => {
  it('is titled for Okta only when the IdP is Okta', async () => {
    const { mock } = await renderApp({ view: 'insight', scenario: 'okta-sync-error' });
    expect(screen.getByRole('heading', { name: /Okta sync error/ })).toBeTruthy();
    act(() =>
      mock.update((s) => ({ ...s, session: s.session && { ...s.session, idpVendor: 'generic' } })),
    );
    expect(screen.queryByRole('heading', { name: /Okta/ })).toBeNull();
    expect(screen.getByRole('heading', { name: 'User not synced via SCIM' })).toBeTruthy();
  });
});

describe('a sign-in whose page was closed', () => {
  it('offers to open the sign-in window again or cancel, never "Authenticating…" alone', async () => {
    const mock = createMockConnector({
      scenario: 'signed-out',
      autoAdvance: false,
      view: 'insight',
    });
    // The sign-in started from a tab that was closed: the core still waits for its browser.
    mock.dispatch({ type: 'signIn', username: 'alex.morgan@acme.example' });
    mock.dispatch({ type: 'authenticate' });
    const open = vi.fn(() => null);
    const store = createConnectorStore(bridgeFor(mock, undefined, { open }));
    window.history.replaceState(null, '', '#/private-access');
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    expect(
      await screen.findByText('The sign-in window was closed before the sign-in finished.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Sign-In Window' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(open).not.toHaveBeenCalled(); // no popup without the user's click
  });
});
