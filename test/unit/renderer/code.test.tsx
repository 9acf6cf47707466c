import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../renderer/components/Code';
import { renderApp } from './helpers';

describe('Code', () => {
  it('offers a line break after each underscore, and copies as the plain code', () => {
    const { container } = render(<Code>MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE</Code>);
    const code = container.querySelector('code')!;
    expect(code.innerHTML).toBe(
      'MT_<wbr>CLOSED_<wbr>TLS_<wbr>CONN_<wbr>GONE_<wbr>SCIM_<wbr>USER_<wbr>DISABLE',
    );
    expect(code.textContent).toBe('MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE');
    expect(screen.getByText('MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE')).toBe(code);
  });

  it('is how an error panel shows its code', async () => {
    await renderApp({ view: 'insight', scenario: 'okta-sync-error', page: 'private-access' });
    const code = screen.getByText('BRK_MT_SETUP_FAIL_SCIM_INACTIVE (not_synced)');
    expect(code.tagName).toBe('CODE');
    expect(code.querySelectorAll('wbr')).toHaveLength(6);
  });
});
