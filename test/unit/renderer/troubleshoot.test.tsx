import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { base64ToBytes, safeFileName } from '../../../renderer/features/troubleshoot/download';
import { renderApp, userCalls } from './helpers';

describe('Troubleshoot', () => {
  it('Export Logs downloads the ZIP from base64', async () => {
    const { mock, user } = await renderApp({
      view: 'insight',
      scenario: 'on',
      page: 'troubleshoot',
    });
    const blobs: Blob[] = [];
    const create = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:logs';
    });
    Object.defineProperty(URL, 'createObjectURL', { value: create, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });

    await user.click(screen.getByRole('button', { name: 'Export Logs' }));
    expect(userCalls(mock)).toEqual(['exportLogs']);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('connector-logs-dev-7f3a91c2.zip');
    expect(clicked[0]!.getAttribute('href')).toBe('blob:logs');
    expect(blobs[0]!.type).toBe('application/zip');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // "PK\3\4"
    expect(screen.getByText('Logs exported: connector-logs-dev-7f3a91c2.zip')).toBeTruthy();
  });

  it('Update Policy, Restart Service and the log level call the contract', async () => {
    const { mock, user } = await renderApp({
      view: 'insight',
      scenario: 'on',
      page: 'troubleshoot',
    });
    await user.click(screen.getByRole('button', { name: 'Update Policy' }));
    expect(await screen.findByText('Policy updated: 5 applications.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Restart Service' }));
    expect(await screen.findByText('Service restarted.')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Log Mode' }), 'debug');
    expect(mock.calls.at(-1)).toEqual({ call: 'setLogLevel', input: { level: 'debug' } });
    expect(await screen.findByText('Log mode set to Debug for this session.')).toBeTruthy();
    expect(userCalls(mock)).toEqual(['updatePolicy', 'restartService', 'setLogLevel']);
  });

  it('shows a failed export with its code', async () => {
    const { mock, user } = await renderApp({
      view: 'insight',
      scenario: 'on',
      page: 'troubleshoot',
    });
    mock.failNext('exportLogs', 'INTERNAL', 'Disk full.');
    await user.click(screen.getByRole('button', { name: 'Export Logs' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('INTERNAL')).toBeTruthy();
    expect(within(alert).getByText('Disk full.')).toBeTruthy();
  });

  it('decodes base64 and keeps file names safe', () => {
    expect([...base64ToBytes('AAEC/w==')]).toEqual([0, 1, 2, 255]);
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a:b?.zip')).toBe('a_b_.zip');
    expect(safeFileName('..')).toBe('connector-logs.zip');
  });
});
