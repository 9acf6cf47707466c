import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, userCalls } from './helpers';

describe('Sign In', () => {
  it('is the page when signed out, whatever page was asked for', async () => {
    await renderApp({ scenario: 'signed-out', page: 'apps' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign In');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Applications' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Sign In' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(screen.queryByRole('button', { name: 'Log Out' })).toBeNull();
  });

  it('asks for a username, calls signIn, shows Authenticating… with Cancel', async () => {
    const { mock, user } = await renderApp({ scenario: 'signed-out' });
    await user.click(screen.getByRole('button', { name: 'Sign In' }));
    expect(screen.getByText('Enter your username.')).toBeTruthy();
    expect(userCalls(mock)).toEqual([]);

    await user.type(screen.getByLabelText('Username'), '  alex.morgan@acme.example ');
    await user.click(screen.getByRole('button', { name: 'Sign In' }));
    expect(mock.calls.at(-1)).toEqual({
      call: 'signIn',
      input: { username: 'alex.morgan@acme.example' },
    });
    const status = screen
      .getAllByRole('status')
      .find((s) => s.textContent?.includes('Authenticating'));
    expect(status?.textContent).toBe('Authenticating…');
    expect(screen.getByText('Finding your identity provider…')).toBeTruthy();
    act(() => void mock.advance());
    // Signed in: the Private Access page, service connecting then on.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Private Access');
  });

  it('Cancel calls cancelSignIn and shows why the sign-in ended', async () => {
    const { mock, user } = await renderApp({ scenario: 'signed-out' });
    await user.type(screen.getByLabelText('Username'), 'alex.morgan@acme.example');
    await user.click(screen.getByRole('button', { name: 'Sign In' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(userCalls(mock)).toEqual(['signIn', 'cancelSignIn']);
    // The user's own choice: a neutral note, not a red error (issue 8).
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('The sign-in was cancelled.').getAttribute('role')).toBe('status');
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe(
      'alex.morgan@acme.example',
    );
  });

  it('shows the sign-in error with title, message and code', async () => {
    const { mock, user } = await renderApp({ scenario: 'signed-out' });
    await user.type(screen.getByLabelText('Username'), 'alex');
    await user.click(screen.getByRole('button', { name: 'Sign In' }));
    act(() => void mock.advance()); // the cloud's answer to the discovery
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('42001')).toBeTruthy();
    expect(within(alert).getByText(/Internal Error: Contact Administrator/)).toBeTruthy();
  });

  it('Log Out calls signOut and returns to Sign In', async () => {
    const { mock, user } = await renderApp({ scenario: 'on' });
    await user.click(screen.getByRole('button', { name: 'Log Out' }));
    expect(userCalls(mock)).toEqual(['signOut']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign In');
  });
});
