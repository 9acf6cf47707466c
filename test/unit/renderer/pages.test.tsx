import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { checkCloudUrl } from '../../../renderer/features/settings/cloud-url';
import { renderApp, userCalls } from './helpers';

describe('Notifications', () => {
  it('lists Application · Time · Message, and Clear All empties it', async () => {
    const { mock, user } = await renderApp({ scenario: 'reauth-required', page: 'notifications' });
    const table = screen.getByRole('table', { name: 'Notifications' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Application', 'Time', 'Message']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Private Access')).toBeTruthy();
    expect(within(rows[1]!).getByText('Private Access is Connected.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear All' }));
    expect(userCalls(mock)).toEqual(['clearNotifications']);
    expect(screen.getByText('No notifications.')).toBeTruthy();
  });

  it('a pushed service notification shows briefly as a toast', async () => {
    const { mock, user } = await renderApp({ scenario: 'on' });
    act(() =>
      mock.notify({
        id: 'service-status',
        category: 'serviceStatus',
        text: 'Private Access is Disconnected.',
      }),
    );
    const toast = screen.getByRole('status', { name: 'Notification' });
    expect(toast.textContent).toContain('Private Access is Disconnected.');
    await user.click(within(toast).getByRole('button', { name: 'Dismiss notification' }));
    expect(toast.textContent).toBe('');
  });
});

describe('About', () => {
  it('shows versions, policy, cloud and device', async () => {
    const { mock, user } = await renderApp({ scenario: 'on', page: 'about' });
    expect(await screen.findByText('0.1.0')).toBeTruthy();
    expect(screen.getByText('Policy version 14')).toBeTruthy();
    expect(screen.getByText('https://zpa.workshop.example')).toBeTruthy();
    expect(screen.getByText('dev-7f3a91c2')).toBeTruthy();
    expect(screen.getByText('Web shell')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Update Policy' }));
    expect(userCalls(mock)).toEqual(['updatePolicy']);
  });
});

describe('Settings', () => {
  it('validates a remote cloud URL and saves it', async () => {
    const { mock, user } = await renderApp({ scenario: 'on', page: 'settings' });
    const remote = await screen.findByRole('radio', { name: /Remote cloud/ });
    expect((remote as HTMLInputElement).checked).toBe(true);
    const url = screen.getByLabelText('Cloud URL');
    await user.clear(url);
    await user.type(url, 'ftp://cloud.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText(/must start with https:\/\//)).toBeTruthy();
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(userCalls(mock)).toEqual([]);
    await user.clear(url);
    await user.type(url, 'https://lab.example.org/');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(mock.calls.at(-1)).toEqual({
      call: 'setSettings',
      input: { cloudUrl: 'https://lab.example.org' },
    });
    expect(
      await screen.findByText('Saved. The connector now uses https://lab.example.org.'),
    ).toBeTruthy();
  });

  it('switches back to the bundled cloud', async () => {
    const { mock, user } = await renderApp({ scenario: 'on', page: 'settings' });
    await user.click(await screen.findByRole('radio', { name: /Bundled cloud/ }));
    expect((screen.getByLabelText('Cloud URL') as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(mock.calls.at(-1)).toEqual({
      call: 'setSettings',
      input: { cloudUrl: 'http://127.0.0.1:4100' },
    });
  });

  it('checkCloudUrl', () => {
    expect(checkCloudUrl('')).toMatchObject({ ok: false });
    expect(checkCloudUrl('cloud.example')).toMatchObject({ ok: false });
    expect(checkCloudUrl('http://cloud.example.com')).toMatchObject({ ok: false });
    expect(checkCloudUrl('http://192.168.1.20:4100')).toEqual({
      ok: true,
      url: 'http://192.168.1.20:4100',
    });
    expect(checkCloudUrl('http://localhost:4100/')).toEqual({
      ok: true,
      url: 'http://localhost:4100',
    });
    expect(checkCloudUrl('https://u:p@cloud.example')).toMatchObject({ ok: false });
    expect(checkCloudUrl('https://cloud.example/?x=1')).toMatchObject({ ok: false });
  });
});

describe('navigation and accessibility', () => {
  it('moves between pages with the left nav, marks the current one, focuses its heading', async () => {
    const { user } = await renderApp({ scenario: 'on' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav).getByRole('link', { name: 'Private Access' }).getAttribute('aria-current'),
    ).toBe('page');
    await user.click(within(nav).getByRole('link', { name: 'Troubleshoot' }));
    const h1 = screen.getByRole('heading', { level: 1 });
    expect(h1.textContent).toBe('Troubleshoot');
    expect(document.activeElement).toBe(h1);
    expect(window.location.hash).toBe('#/troubleshoot');
    expect(
      within(nav).getByRole('link', { name: 'Troubleshoot' }).getAttribute('aria-current'),
    ).toBe('page');
  });

  it('follows the hash (back/forward, deep links)', async () => {
    await renderApp({ scenario: 'on' });
    act(() => {
      window.location.hash = '#/about';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('About');
  });

  it('every button and form control has a name', async () => {
    for (const page of ['private-access', 'apps', 'troubleshoot', 'settings'] as const) {
      const { unmount } = await renderApp({ scenario: 'blocked-app', page });
      for (const el of screen.getAllByRole('button')) {
        expect(el.textContent?.trim() || el.getAttribute('aria-label'), el.outerHTML).toBeTruthy();
      }
      for (const el of document.querySelectorAll('input, select, textarea')) {
        const id = el.getAttribute('id');
        const label =
          el.closest('label') ?? (id && document.querySelector(`label[for="${CSS.escape(id)}"]`));
        expect(label, el.outerHTML).toBeTruthy();
      }
      unmount();
    }
  });
});
