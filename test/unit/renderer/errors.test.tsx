import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { copyText } from '../../../renderer/features/errors/copy-text';
import { renderApp } from './helpers';

async function oktaError() {
  const app = await renderApp({ view: 'insight', scenario: 'okta-sync-error' });
  const panel = screen.getByRole('region', { name: 'User not synced via SCIM (Okta sync error)' });
  return { ...app, panel };
}

describe('error details', () => {
  it('shows title, message and code of the Okta sync error', async () => {
    const { panel } = await oktaError();
    expect(within(panel).getByText(/your account is not active in your organisation/)).toBeTruthy();
    expect(within(panel).getByText('BRK_MT_SETUP_FAIL_SCIM_INACTIVE (not_synced)')).toBeTruthy();
  });

  it('Details discloses the cause and the admin remedy', async () => {
    const { panel, user } = await oktaError();
    const details = within(panel).getByRole('button', { name: 'Details' });
    expect(details.getAttribute('aria-expanded')).toBe('false');
    const remedy = within(panel).getByText(/enable PROVISION_OUT_OF_SYNC_USERS/);
    expect(remedy.closest('[hidden]')).not.toBeNull();
    await user.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    expect(remedy.closest('[hidden]')).toBeNull();
    expect(
      within(panel).getByText(/assigned to the Zscaler Private Access app in Okta before SCIM/),
    ).toBeTruthy();
    expect(within(panel).getByText(/enable PROVISION_OUT_OF_SYNC_USERS/)).toBeTruthy();
    expect(within(panel).getByText('What to tell your administrator')).toBeTruthy();
  });

  it('Copy details puts the code, user, device and remedy on the clipboard', async () => {
    const { panel, user } = await oktaError();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(within(panel).getByRole('button', { name: 'Details' }));
    await user.click(within(panel).getByRole('button', { name: 'Copy details' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(text).toContain('Error code: BRK_MT_SETUP_FAIL_SCIM_INACTIVE (not_synced)');
    expect(text).toContain('User: alex.morgan@acme.example');
    expect(text).toContain('Identity provider: Okta');
    expect(text).toContain('Device: dev-7f3a91c2');
    expect(text).toContain('PROVISION_OUT_OF_SYNC_USERS');
    expect(await within(panel).findByText('Copied to the clipboard.')).toBeTruthy();
  });

  it('falls back to execCommand, then to a text box for a manual copy', async () => {
    const { panel, user } = await oktaError();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
      configurable: true,
    });
    const exec = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    await user.click(within(panel).getByRole('button', { name: 'Details' }));
    await user.click(within(panel).getByRole('button', { name: 'Copy details' }));
    expect(exec).toHaveBeenCalledWith('copy');
    expect(await within(panel).findByText('Copied to the clipboard.')).toBeTruthy();

    exec.mockReturnValue(false);
    await user.click(within(panel).getByRole('button', { name: 'Copy details' }));
    const manual = await within(panel).findByRole('textbox', { name: 'Error details to copy' });
    expect((manual as HTMLTextAreaElement).value).toContain('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
  });

  it('copyText reports the path it took', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn(async () => undefined) },
      configurable: true,
    });
    expect(await copyText('x')).toBe('clipboard');
  });

  it('names an unknown code rather than hiding it', async () => {
    const { mock } = await renderApp({ view: 'insight', scenario: 'on' });
    const { act } = await import('@testing-library/react');
    act(() =>
      mock.update({
        service: {
          status: 'error',
          kind: 'Internal Error',
          code: 'XYZ_123',
          since: Date.now(),
          attempt: 1,
          retryAt: null,
        },
      }),
    );
    expect(screen.getByRole('heading', { name: 'Unexpected error XYZ_123' })).toBeTruthy();
  });
});
