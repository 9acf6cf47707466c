/**
 * The bundled cloud did not start (Electron host, issue 15 item 2): the window still opens on the
 * real connector service, shows the failure's catalog entry, and its Settings page switches to
 * another cloud, after which the connector works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorService } from '../../../electron/connector/host/connector-service';
import { IssueReporter } from '../../../electron/connector/host/issue-reporter';
import { LoginBroker } from '../../../electron/connector/host/login-broker';
import { SettingsStore } from '../../../electron/connector/host/settings-store';
import { MemorySecretStore } from '../../../electron/connector/core/session-store';
import { App } from '../../../renderer/App';
import { bridgeFor } from '../../../renderer/bridge';
import { StoreProvider, createConnectorStore } from '../../../renderer/store';
import type { ConnectorApi } from '../../../shared/contract/connector-contract';
import { describeError } from '../../../shared/errors';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function serviceWithoutCloud() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-start-failure-'));
  dirs.push(dir);
  const service = new ConnectorService({
    host: 'electron',
    appVersion: '1.0.0',
    settings: new SettingsStore(dir),
    bundledCloudUrl: null,
    bundledCloudError: 'The bundled cloud exited (1).',
    browser: new LoginBroker(),
    secretsFor: () => new MemorySecretStore(),
    issues: new IssueReporter(dir),
  });
  const api: ConnectorApi = {
    call: (call, input) => service.call(call, input) as never,
    on: (event, listener) => service.subscribe(event, listener),
  };
  return { service, api };
}

describe('the window when the bundled cloud did not start', () => {
  it('shows the catalog entry, and Settings switches to another cloud', async () => {
    const { service, api } = serviceWithoutCloud();
    await expect(service.start()).rejects.toThrow();
    // The view is the host's setting: it is saved even with no cloud (insight shows the code).
    expect(await service.call('setSettings', { view: 'insight' })).toMatchObject({
      ok: true,
      value: { view: 'insight' },
    });
    window.history.replaceState(null, '', '#/private-access');
    const store = createConnectorStore(bridgeFor(api), { initialPage: 'private-access' });
    const user = userEvent.setup();
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    const entry = describeError('BUNDLED_CLOUD_UNAVAILABLE');
    await waitFor(() => expect(store.getState().settings?.view).toBe('insight'));
    const panel = await screen.findByRole('region', { name: entry.title });
    expect(panel.textContent).toContain('BUNDLED_CLOUD_UNAVAILABLE');
    expect(panel.textContent).toContain(entry.userAction);

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('radio', { name: /another cloud|remote/i }));
    await user.type(screen.getByRole('textbox', { name: /cloud url/i }), 'http://127.0.0.1:9');
    await user.click(screen.getByRole('button', { name: /save/i }));
    // The connector now runs on that cloud: the window has its state and no failure left.
    await waitFor(() => expect(store.getState().snapshot?.cloudUrl).toBe('http://127.0.0.1:9'));
    expect(service.snapshot().cloudUrl).toBe('http://127.0.0.1:9');
    expect(screen.queryByRole('region', { name: entry.title })).toBeNull();
    await user.click(screen.getByRole('link', { name: 'Sign In' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign In' })).toBeTruthy();
    await service.dispose();
  });
});
