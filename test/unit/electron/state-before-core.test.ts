/**
 * The state a window shows before the connector core exists (electron/connector/host/
 * state-before-core.ts, used by the ConnectorService while its bundled cloud starts and by the
 * web shell while it loads the service): exactly the snapshot a new core for that cloud starts
 * in, unless a session stored for that cloud will resume (then none: the window waits).
 */
import { describe, expect, it } from 'vitest';
import { ConnectorCore } from '../../../electron/connector/core/connector-core.js';
import { MemorySecretStore } from '../../../electron/connector/core/session-store.js';
import type { HostSettings } from '../../../electron/connector/host/settings-store.js';
import { LoginBroker } from '../../../electron/connector/host/login-broker.js';
import { stateBeforeCore } from '../../../electron/connector/host/state-before-core.js';

const DEVICE = '6f1c2a4e-0000-4000-8000-000000000001';
const settings = (cloudUrl: string | null): HostSettings => ({
  cloudUrl,
  deviceId: DEVICE,
  view: 'real',
});

/** One secret store per cloud key, as the hosts keep them. */
function secretStores() {
  const stores = new Map<string, MemorySecretStore>();
  return (key: string) => {
    if (!stores.has(key)) stores.set(key, new MemorySecretStore());
    return stores.get(key)!;
  };
}

const SESSION = { sessionToken: 'stored-token', username: 'alice@acme.example' };

describe('the state before the core', () => {
  it('is the snapshot a new core for the cloud starts in (the bundled cloud: no URL yet)', async () => {
    const secretsFor = secretStores();
    const cloudUrl = 'http://127.0.0.1:9000';
    const core = new ConnectorCore({
      cloudUrl,
      deviceId: DEVICE,
      browser: new LoginBroker(),
      secrets: secretsFor(cloudUrl),
    });
    expect(await stateBeforeCore(settings(`${cloudUrl}//`), secretsFor)).toEqual(core.snapshot());
    expect(await stateBeforeCore(settings(null), secretsFor)).toEqual({
      ...core.snapshot(),
      cloudUrl: '',
    });
    core.dispose();
  });

  it('is none when a session stored for that cloud will resume, whichever cloud it is', async () => {
    const secretsFor = secretStores();
    await secretsFor('bundled').save(SESSION);
    expect(await stateBeforeCore(settings(null), secretsFor)).toBeNull();
    // Another cloud's session does not resume on this one.
    expect(await stateBeforeCore(settings('http://cloud.example'), secretsFor)).not.toBeNull();
    await secretsFor('http://cloud.example').save(SESSION);
    expect(await stateBeforeCore(settings('http://cloud.example'), secretsFor)).toBeNull();
  });
});
