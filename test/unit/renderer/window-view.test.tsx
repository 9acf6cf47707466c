/**
 * The window's two views: the real client (default: what the real Client Connector shows an end
 * user, no internal codes) and the simulator insight (codes, causes, fixes, marked as such).
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../shared/errors';
import { ACCESS_BLOCKED_TEXT } from '../../../shared/state/notifications';
import { realClientError } from '../../../renderer/features/errors/real-client-error';
import { renderApp } from './helpers';

const CODE = 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE';
const INSIGHT_ONLY_ROWS = ['Identity Provider', 'Directory Sync', 'SCIM Policy'];
const REAL_ROWS = [
  'Username',
  'Service Status',
  'Network Type',
  'Authentication Status',
  'Broker',
  'Client',
  'Time Connected',
  'Protocol',
];
/** The Zero Trust Connectivity card's fields, and every field on the page. */
const ztTerms = () =>
  within(screen.getByRole('region', { name: 'Zero Trust Connectivity' }))
    .getAllByRole('term')
    .map((t) => t.textContent);
const terms = () => screen.getAllByRole('term').map((t) => t.textContent);
const main = () => screen.getByRole('main');

describe('the Real client view (default)', () => {
  it('shows the real fields and Connection Error, never the cause code nor insight rows', async () => {
    const { store } = await renderApp({ scenario: 'okta-sync-error' });
    expect(store.getState().settings?.view).toBe('real');
    const status = screen.getByRole('status', { name: 'Service Status' });
    expect(status.textContent).toBe('Connection Error');
    expect(ztTerms()).toEqual(REAL_ROWS);
    expect(main().textContent).not.toContain(CODE);
    expect(main().textContent).not.toContain('not_synced');
    expect(main().textContent).not.toContain('PROVISION_OUT_OF_SYNC_USERS');
    for (const row of INSIGHT_ONLY_ROWS) expect(terms()).not.toContain(row);
    expect(screen.queryByText('Simulator insight')).toBeNull();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('an app blocked by policy shows the real pop-up text, no code, no policy trace', async () => {
    const { user } = await renderApp({ scenario: 'blocked-app', page: 'apps' });
    const table = screen.getByRole('table', { name: 'Your applications' });
    expect(within(table).queryByText('Access')).toBeNull();
    expect(within(table).queryByText('Allowed')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open Finance Portal' }));
    const result = screen.getByRole('region', { name: 'Access result' });
    await waitFor(() => expect(result.textContent).toContain(ACCESS_BLOCKED_TEXT));
    expect(result.textContent).not.toMatch(/BRK_MT_|Error code/);
    expect(within(result).queryByRole('button', { name: 'Why?' })).toBeNull();
  });
});

describe('the Simulator insight view', () => {
  it('shows the cause code, the insight rows and says where the admin sees them', async () => {
    await renderApp({ scenario: 'okta-sync-error', view: 'insight' });
    expect(main().textContent).toContain(CODE);
    expect(screen.getAllByText('Simulator insight').length).toBeGreaterThan(1);
    expect(main().textContent).toContain(
      "In the real client this is visible to your admin in the admin portal's diagnostics",
    );
    expect(ztTerms()).toEqual(REAL_ROWS);
    expect(terms()).toContain('Identity Provider');
    expect(terms()).toContain('Directory Sync');
  });

  it('an app blocked by policy shows its code and Why? with the trace', async () => {
    const { user } = await renderApp({ scenario: 'blocked-app', page: 'apps', view: 'insight' });
    await user.click(screen.getByRole('button', { name: /Blocked applications/ }));
    await user.click(screen.getByRole('button', { name: 'Open Finance Portal' }));
    const result = screen.getByRole('region', { name: 'Access result' });
    await waitFor(() => expect(result.textContent).toMatch(/BRK_MT_SETUP_FAIL_/));
    expect(within(result).getByRole('button', { name: 'Why?' })).toBeTruthy();
  });
});

describe('switching the view', () => {
  it('in Settings: saved with the connector settings, applied at once', async () => {
    const { mock, user } = await renderApp({ scenario: 'okta-sync-error', page: 'settings' });
    const real = screen.getByRole('radio', { name: /Real client/ });
    expect((real as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: /Simulator insight/ }));
    await screen.findByText('Saved: Simulator insight view.');
    expect(mock.calls).toContainEqual({ call: 'setSettings', input: { view: 'insight' } });
    expect(screen.getByRole('banner').textContent).toContain('Simulator insight');
    await user.click(screen.getByRole('link', { name: 'Private Access' }));
    expect(main().textContent).toContain(CODE);
  });

  it('by a trainer tool through the settings call: the open window follows', async () => {
    const { mock } = await renderApp({ scenario: 'okta-sync-error' });
    expect(main().textContent).not.toContain(CODE);
    await act(async () => {
      expect(await mock.call('setSettings', { view: 'insight' })).toMatchObject({ ok: true });
    });
    await waitFor(() => expect(main().textContent).toContain(CODE));
    await act(async () => {
      await mock.call('setSettings', { view: 'real' });
    });
    await waitFor(() => expect(main().textContent).not.toContain(CODE));
  });

  it('refuses an unknown view and an empty change with INVALID_REQUEST', async () => {
    const { mock } = await renderApp();
    for (const input of [{ view: 'admin' }, {}]) {
      const r = await mock.call('setSettings', input as never);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });
});

describe('realClientError: an error as the real client shows it', () => {
  it('gives the state for session codes, never the code', () => {
    expect(realClientError(describeError(CODE, 'not_synced'))).toMatchObject({
      title: 'Connection Error',
      code: null,
    });
    expect(realClientError(describeError('ZPN_ERR_SCIM_INACTIVE'))).toMatchObject({
      title: 'Connection Error',
      code: null,
    });
    // The same code refusing one app is that app's failure.
    expect(realClientError(describeError(CODE, 'not_synced'), 'wiki.acme.test')).toMatchObject({
      title: 'Not reachable',
      code: null,
    });
    expect(realClientError(describeError('BRK_MT_SETUP_FAIL_SAML_EXPIRED'), 'a')).toMatchObject({
      title: 'Authentication Required',
      code: null,
    });
  });

  it("keeps the real client's own codes (42xxx) with their text", () => {
    const e = describeError('42015');
    expect(realClientError(e)).toEqual({ title: e.title, message: e.message, code: '42015' });
  });
});
