/** The provisioning progress bar: drawn from the contract's progress, nothing on a 404. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiClient } from '../../../../renderer/console/api/client';
import type { ProgressView } from '../../../../renderer/console/api/views';
import { ProvisioningProgress } from '../../../../renderer/console/components/ProvisioningProgress';
import { ConsoleContext, type ConsoleContextValue } from '../../../../renderer/console/context';

function renderWith(answer: () => Promise<unknown>) {
  const api = { call: answer } as unknown as ApiClient;
  const value: ConsoleContextValue = {
    api,
    idps: [],
    idp: null,
    selectIdp: () => undefined,
    reloadIdps: async () => undefined,
    replaceIdp: () => undefined,
    announce: () => undefined,
    run: async () => true,
  };
  return render(
    <ConsoleContext.Provider value={value}>
      <ProvisioningProgress idpId="okta" />
    </ConsoleContext.Provider>,
  );
}

const running: ProgressView = {
  running: true,
  done: 40,
  total: 100,
  failed: 2,
  perSecond: 12.5,
  startedAt: '2026-12-07T10:00:00.000Z',
  finishedAt: null,
};

describe('provisioning progress', () => {
  it('shows a running push: done of total, failures, rate', async () => {
    renderWith(async () => running);
    const bar = await screen.findByRole('progressbar', { name: 'Push in progress' });
    expect(bar.getAttribute('value')).toBe('40');
    expect(bar.getAttribute('max')).toBe('100');
    expect(screen.getByText('40 of 100 done')).toBeTruthy();
    expect(screen.getByText('2 failed')).toBeTruthy();
    expect(screen.getByText('12.5 per second')).toBeTruthy();
  });

  it('shows nothing when the cloud has no progress route (404), nor before any push', async () => {
    const { container } = renderWith(async () => {
      throw new ApiError(404, 'not_found', 'No admin route');
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(container.innerHTML).toBe('');

    const idle = renderWith(async () => ({ ...running, running: false, startedAt: null }));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle.container.innerHTML).toBe('');
  });
});
