import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { serviceView } from '../../../renderer/store';
import { renderApp, userCalls } from './helpers';

const serviceStatus = () => screen.getByRole('status', { name: 'Service Status' });
const authStatus = () => screen.getByRole('status', { name: 'Authentication Status' });

describe('Private Access: Service Status', () => {
  it('shows On with Turn Off, broker, time connected and bytes', async () => {
    await renderApp({ view: 'insight', scenario: 'on' });
    expect(serviceStatus().textContent).toBe('On');
    expect(serviceStatus().getAttribute('aria-live')).toBe('polite');
    expect(screen.getByRole('button', { name: 'Turn Off' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Turn On' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByText('pse-fra1.acme.example')).toBeTruthy();
    expect(screen.getByText(/^00:47:0\d$/)).toBeTruthy();
    expect(screen.getByText('17.9 MB')).toBeTruthy(); // 18,734,122 bytes sent
    expect(screen.getByText('195 MB')).toBeTruthy(); // 204,551,908 bytes received
    expect(authStatus().textContent).toBe('Authenticated');
  });

  it.each([
    [{ status: 'off', since: null, turnedOffByUser: false }, 'Off', 'neutral'],
    [{ status: 'connecting', since: 0, attempt: 1 }, 'Connecting', 'warn'],
    [
      { status: 'disconnecting', since: 0, next: 'off', turnedOffByUser: true },
      'Disconnecting',
      'warn',
    ],
    [
      { status: 'on', broker: 'b', since: 0, stats: { bytesSent: 0, bytesReceived: 0 } },
      'On',
      'ok',
    ],
    [
      {
        status: 'error',
        kind: 'Network Error',
        code: 'NETWORK_ERROR',
        since: 0,
        attempt: 1,
        retryAt: 5,
      },
      'Network Error',
      'danger',
    ],
  ] as const)('labels %o as %s (%s)', (service, label, tone) => {
    const view = serviceView(service);
    expect(view.label).toBe(label);
    expect(view.tone).toBe(tone);
  });

  it('follows pushed states in the status region', async () => {
    const { mock } = await renderApp({ view: 'insight', scenario: 'on' });
    act(() => mock.update({ service: { status: 'connecting', since: Date.now(), attempt: 1 } }));
    expect(serviceStatus().textContent).toBe('Connecting');
    act(() =>
      mock.update({
        service: {
          status: 'error',
          kind: 'Connection Error',
          code: 'CONNECTION_LOST',
          since: Date.now(),
          attempt: 2,
          retryAt: Date.now() + 30_000,
        },
      }),
    );
    expect(serviceStatus().textContent).toBe('Connection Error');
    expect(screen.getByText(/Reconnecting by itself in/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    act(() =>
      mock.update({ service: { status: 'off', since: Date.now(), turnedOffByUser: true } }),
    );
    expect(serviceStatus().textContent).toBe('Off');
    expect(screen.getByText('Private Access stays off until you click Turn On.')).toBeTruthy();
  });

  it('Turn Off then Turn On call turnOff and turnOn', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'on' });
    await user.click(screen.getByRole('button', { name: 'Turn Off' }));
    expect(serviceStatus().textContent).toBe('Disconnecting');
    act(() => void mock.advance());
    expect(serviceStatus().textContent).toBe('Off');
    await user.click(screen.getByRole('button', { name: 'Turn On' }));
    expect(serviceStatus().textContent).toBe('Connecting');
    act(() => void mock.advance());
    expect(serviceStatus().textContent).toBe('On');
    expect(userCalls(mock)).toEqual(['turnOff', 'turnOn']);
  });

  it('Retry in an error calls retry', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'okta-sync-error' });
    expect(serviceStatus().textContent).toBe('Connection Error');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(userCalls(mock)).toEqual(['retry']);
  });

  it('shows Authentication Required with Authenticate, the reason, and calls authenticate', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'reauth-required' });
    expect(authStatus().textContent).toBe('Authentication Required');
    const panel = screen.getByRole('region', { name: 'Zero Trust Connectivity' });
    expect(within(panel).getByText(/authentication timeout of your access policy/)).toBeTruthy();
    expect(within(panel).getByText(/jira\.acme\.example/)).toBeTruthy();
    // Service Status is not affected by the timeout policy.
    expect(serviceStatus().textContent).toBe('On');
    await user.click(within(panel).getByRole('button', { name: 'Authenticate' }));
    expect(userCalls(mock)).toEqual(['authenticate']);
    expect(authStatus().textContent).toBe('Authenticating…');
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(userCalls(mock)).toEqual(['authenticate', 'cancelSignIn']);
    expect(authStatus().textContent).toBe('Authentication Required');
  });

  it('Authenticate Early calls authenticateEarly', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'on' });
    await user.click(screen.getByRole('button', { name: 'Authenticate Early' }));
    expect(userCalls(mock)).toEqual(['authenticateEarly']);
  });

  it('hints that the session is not SCIM-ready', async () => {
    await renderApp({ view: 'insight', scenario: 'blocked-app' });
    expect(screen.getByText('Not ready')).toBeTruthy();
    expect(
      screen.getByText(/before your administrator enabled SCIM Attributes for Policy/),
    ).toBeTruthy();
  });

  it('shows a failed call with its code', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'on' });
    mock.failNext('turnOff', 'INTERNAL', 'The service did not answer.');
    await user.click(screen.getByRole('button', { name: 'Turn Off' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Internal Error')).toBeTruthy();
    expect(within(alert).getByText('INTERNAL')).toBeTruthy();
    expect(within(alert).getByText('The service did not answer.')).toBeTruthy();
  });
});
