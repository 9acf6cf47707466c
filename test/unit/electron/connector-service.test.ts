import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTOR_CALLS } from '../../../shared/contract/connector-contract.js';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { ConnectorError } from '../../../electron/connector/connector-error.js';
import type {
  ConnectorCore,
  ConnectorCoreOptions,
} from '../../../electron/connector/core/connector-core.js';
import { MemorySecretStore } from '../../../electron/connector/core/session-store.js';
import { ConnectorService } from '../../../electron/connector/host/connector-service.js';
import { IssueReporter } from '../../../electron/connector/host/issue-reporter.js';
import { LoginBroker } from '../../../electron/connector/host/login-broker.js';
import { SettingsStore } from '../../../electron/connector/host/settings-store.js';

const TOKEN = 'session-token-0123456789abcdef';

/** Just enough of the core: records calls, holds a snapshot. */
class FakeCore extends EventEmitter {
  calls: string[] = [];
  disposed = false;
  started = false;
  service: ConnectorSnapshot['service'] = { status: 'off', since: null, turnedOffByUser: false };
  auth: ConnectorSnapshot['auth'] = { status: 'unauthenticated' };
  notifications: ConnectorSnapshot['notifications'] = [
    { id: 'n', category: 'default', text: 't', at: 'x' },
  ];
  readonly log = { info() {}, warn() {}, debug() {} };
  constructor(readonly opts: ConnectorCoreOptions) {
    super();
  }
  snapshot(): ConnectorSnapshot {
    return {
      cloudUrl: this.opts.cloudUrl,
      deviceId: this.opts.deviceId,
      username: 'alice@acme.example',
      service: this.service,
      auth: this.auth,
      channel: { status: 'closed' },
      session: null,
      apps: [],
      connections: [],
      banner: null,
      notifications: this.notifications,
      lastError: null,
      policyVersion: 7,
      clockOffsetMs: 0,
    };
  }
  async start() {
    this.started = true;
  }
  dispose() {
    this.disposed = true;
  }
  signIn(u: string) {
    this.calls.push(`signIn ${u}`);
    this.auth = {
      status: 'authenticating',
      method: null,
      purpose: 'signIn',
      since: 0,
      resume: null,
    };
  }
  cancelSignIn() {
    this.calls.push('cancelSignIn');
  }
  dispatch(e: { type: string; code?: string }) {
    this.calls.push(`dispatch ${e.type} ${e.code ?? ''}`.trim());
  }
  turnOff() {
    this.calls.push('turnOff');
    this.service = { status: 'off', since: 1, turnedOffByUser: true };
    queueMicrotask(() => this.emit('state', this.snapshot()));
  }
  turnOn() {
    this.calls.push('turnOn');
  }
  authenticate() {
    this.calls.push('authenticate');
  }
  async openApp() {
    throw new ConnectorError('SESSION_INVALID', 'Sign in first.');
  }
  async refreshApps() {
    this.calls.push('refreshApps');
    return [];
  }
  clearNotifications() {
    this.notifications = [];
  }
}

let dir: string;
let cores: FakeCore[];
let secrets: MemorySecretStore;

function makeService(bundled: string | null | Promise<string> = 'http://127.0.0.1:9000') {
  return new ConnectorService({
    host: 'web-shell',
    appVersion: '1.2.3',
    settings: new SettingsStore(dir),
    bundledCloudUrl: bundled,
    browser: new LoginBroker(),
    redirectUri: 'http://127.0.0.1:5180/callback',
    secretsFor: () => secrets,
    // A port nothing listens on: Report an Issue falls back to a local copy.
    issues: new IssueReporter(dir),
    createCore: (opts) => {
      const core = new FakeCore(opts);
      cores.push(core);
      return core as unknown as ConnectorCore;
    },
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'svc-'));
  cores = [];
  secrets = new MemorySecretStore();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ConnectorService', () => {
  it('implements every call of the contract', async () => {
    const svc = makeService();
    await svc.start();
    const handlers = (svc as unknown as { handlers: Record<string, unknown> }).handlers;
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(CONNECTOR_CALLS).sort());
  });

  it('starts the core on the bundled cloud with the redirect URI and a persisted device id', async () => {
    const svc = makeService();
    await svc.start();
    expect(cores).toHaveLength(1);
    expect(cores[0]!.started).toBe(true);
    expect(cores[0]!.opts.cloudUrl).toBe('http://127.0.0.1:9000');
    expect(cores[0]!.opts.redirectUri).toBe('http://127.0.0.1:5180/callback');
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
    expect(settings).toEqual({ cloudUrl: null, deviceId: cores[0]!.opts.deviceId, view: 'real' });
  });

  it('validates input and answers every failure in the envelope', async () => {
    const svc = makeService();
    await svc.start();
    expect(await svc.call('nope')).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'Unknown call: nope' },
    });
    expect(await svc.call('signIn', { username: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await svc.call('signIn', { username: 'a', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await svc.call('openApp', { app: 'intranet.acme.example' })).toEqual({
      ok: false,
      error: { code: 'SESSION_INVALID', message: 'Sign in first.' },
    });
    expect(await svc.call('signIn', { username: ' alice@acme.example ' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(cores[0]!.calls).toContain('signIn alice@acme.example');
  });

  it('forwards the core events', async () => {
    const svc = makeService();
    await svc.start();
    const states: unknown[] = [];
    const notes: unknown[] = [];
    const off = svc.subscribe('state', (s) => states.push(s));
    svc.subscribe('notification', (n) => notes.push(n));
    cores[0]!.emit('state', cores[0]!.snapshot());
    cores[0]!.emit('notification', { id: 'x', category: 'default', text: 'hi' });
    off();
    cores[0]!.emit('state', cores[0]!.snapshot());
    expect(states).toHaveLength(1);
    expect(notes).toEqual([{ id: 'x', category: 'default', text: 'hi' }]);
  });

  it('cancelSignIn hands the cancel to the core (which ends the sign-in)', async () => {
    const svc = makeService();
    await svc.start();
    await svc.call('signIn', { username: 'alice@acme.example' });
    await svc.call('cancelSignIn');
    expect(cores[0]!.calls).toEqual(['signIn alice@acme.example', 'cancelSignIn']);
  });

  it('restartService turns the service off, waits, and on again', async () => {
    const svc = makeService();
    await svc.start();
    expect(await svc.call('restartService')).toEqual({ ok: true, value: undefined });
    expect(cores[0]!.calls).toEqual(['turnOff', 'turnOn']);
  });

  it('updatePolicy downloads the apps again; clearNotifications empties the list', async () => {
    const svc = makeService();
    await svc.start();
    expect(await svc.call('updatePolicy')).toEqual({ ok: true, value: [] });
    expect(cores[0]!.calls).toEqual(['refreshApps']);
    await svc.call('clearNotifications');
    expect(svc.snapshot().notifications).toEqual([]);
  });

  it('setLogLevel applies to the service log', async () => {
    const svc = makeService();
    await svc.start();
    expect(svc.log.level).toBe('info');
    await svc.call('setLogLevel', { level: 'debug' });
    expect(svc.log.level).toBe('debug');
    expect(await svc.call('setLogLevel', { level: 'verbose' })).toMatchObject({ ok: false });
  });

  it('getAbout and getSettings describe the host and the cloud', async () => {
    const svc = makeService();
    await svc.start();
    const about = await svc.invoke('getAbout');
    expect(about).toMatchObject({
      ok: true,
      value: {
        appVersion: '1.2.3',
        host: 'web-shell',
        cloudUrl: 'http://127.0.0.1:9000',
        policyVersion: 7,
        deviceId: cores[0]!.opts.deviceId,
      },
    });
    expect(await svc.call('getSettings')).toEqual({
      ok: true,
      value: {
        cloudUrl: 'http://127.0.0.1:9000',
        bundledCloudUrl: 'http://127.0.0.1:9000',
        view: 'real',
      },
    });
  });

  it('setSettings switches the cloud: persisted, the core recreated, back to bundled', async () => {
    const svc = makeService();
    await svc.start();
    const states: ConnectorSnapshot[] = [];
    svc.subscribe('state', (s) => states.push(s));
    expect(await svc.call('setSettings', { cloudUrl: 'https://cloud.example.com/' })).toEqual({
      ok: true,
      value: {
        cloudUrl: 'https://cloud.example.com',
        bundledCloudUrl: 'http://127.0.0.1:9000',
        view: 'real',
      },
    });
    expect(cores).toHaveLength(2);
    expect(cores[0]!.disposed).toBe(true);
    expect(cores[1]!.opts.cloudUrl).toBe('https://cloud.example.com');
    expect(cores[1]!.opts.deviceId).toBe(cores[0]!.opts.deviceId);
    expect(states.at(-1)?.cloudUrl).toBe('https://cloud.example.com');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).cloudUrl).toBe(
      'https://cloud.example.com',
    );
    // The same URL again changes nothing.
    await svc.call('setSettings', { cloudUrl: 'https://cloud.example.com' });
    expect(cores).toHaveLength(2);
    // A restart keeps the choice.
    const again = makeService();
    await again.start();
    expect(cores[2]!.opts.cloudUrl).toBe('https://cloud.example.com');
    // The bundled URL means "bundled".
    await svc.call('setSettings', { cloudUrl: 'http://127.0.0.1:9000' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).cloudUrl).toBeNull();
    expect(await svc.call('setSettings', { cloudUrl: 'ftp://x.example' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
  });

  it('setSettings sets the window view: persisted, told to every window, the cloud untouched', async () => {
    const svc = makeService();
    await svc.start();
    const told: unknown[] = [];
    svc.subscribe('settings', (s) => told.push(s));
    expect(await svc.call('setSettings', { view: 'insight' })).toMatchObject({
      ok: true,
      value: { view: 'insight', cloudUrl: 'http://127.0.0.1:9000' },
    });
    expect(told).toEqual([expect.objectContaining({ view: 'insight' })]);
    expect(cores).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).view).toBe('insight');
    // A restart keeps it (one fact, in settings.json).
    const again = makeService();
    expect(await again.call('getSettings')).toMatchObject({ ok: true, value: { view: 'insight' } });
    for (const input of [{ view: 'admin' }, {}]) {
      expect(await svc.call('setSettings', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      });
    }
  });

  it('exportLogs returns a ZIP without the session token', async () => {
    const svc = makeService();
    await svc.start();
    await secrets.save({ sessionToken: TOKEN, username: 'alice@acme.example' });
    svc.log.info(`leaked ${TOKEN} into a log line`);
    const r = await svc.invoke('exportLogs');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fileName).toMatch(/^ClientConnector-logs-\d{8}T\d{6}Z\.zip$/);
    const files = unzipSync(Buffer.from(r.value.base64, 'base64'));
    const text = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(text).toContain('leaked [REDACTED] into a log line');
    expect(text).not.toContain(TOKEN);
  });

  it('reportIssue keeps the report locally when the cloud has no endpoint', async () => {
    const svc = makeService('http://127.0.0.1:9');
    await svc.start();
    const r = await svc.invoke('reportIssue', {
      name: 'Alice',
      email: 'alice@acme.example',
      comments: 'Cannot reach the intranet',
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.id).toMatch(/^local-\d{8}-[0-9a-f]{8}$/);
    const where = join(dir, 'issues', r.value.id);
    const files = readdirSync(where);
    expect(files).toContain('issue.json');
    const issue = JSON.parse(readFileSync(join(where, 'issue.json'), 'utf8'));
    expect(issue.form).toEqual({
      name: 'Alice',
      email: 'alice@acme.example',
      cc: '',
      problem: 'Other',
      priority: 'Normal',
      comments: 'Cannot reach the intranet',
    });
    expect(files.some((f) => f.endsWith('.zip'))).toBe(true);
  });

  it('without any cloud the start fails with a clear error', async () => {
    const svc = makeService(null);
    await expect(svc.start()).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('while the bundled cloud starts: the signed-out state at once, calls wait for the core', async () => {
    let up!: (url: string) => void;
    const svc = makeService(new Promise<string>((resolve) => (up = resolve)));
    const started = svc.start();
    await svc.showable;
    expect(cores).toHaveLength(0);
    expect(svc.snapshot()).toMatchObject({
      cloudUrl: '',
      auth: { status: 'unauthenticated' },
      service: { status: 'off' },
    });
    const signIn = svc.call('signIn', { username: 'alice@acme.example' });
    up('http://127.0.0.1:9000');
    await started;
    expect(await signIn).toMatchObject({ ok: true });
    expect(cores[0]!.calls).toEqual(['signIn alice@acme.example']);
    expect(svc.snapshot().cloudUrl).toBe('http://127.0.0.1:9000');
  });

  it('while the bundled cloud starts, a stored session keeps the window waiting for it', async () => {
    await secrets.save({ sessionToken: TOKEN, username: 'alice@acme.example' });
    let up!: (url: string) => void;
    const svc = makeService(new Promise<string>((resolve) => (up = resolve)));
    let shown = false;
    void svc.showable.then(() => (shown = true));
    const started = svc.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown).toBe(false);
    up('http://127.0.0.1:9000');
    await started;
    expect(shown).toBe(true);
    expect(svc.snapshot().cloudUrl).toBe('http://127.0.0.1:9000');
  });

  it('a bundled cloud that fails to start: its reason, and the settings still answer', async () => {
    const svc = makeService(Promise.reject(new Error('port in use')));
    await expect(svc.start()).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(() => svc.snapshot()).toThrow(
      expect.objectContaining({ code: 'BUNDLED_CLOUD_UNAVAILABLE', message: 'port in use' }),
    );
    expect(await svc.call('getSettings')).toMatchObject({ ok: true, value: { cloudUrl: '' } });
  });

  it('unknown calls never reach a handler', async () => {
    const svc = makeService();
    await svc.start();
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect(await svc.call(name)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });
});
