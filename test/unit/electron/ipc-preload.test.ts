/** The IPC handlers and the preload API are derived from the contract (electron mocked). */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONNECTOR_CALLS,
  CONNECTOR_EVENTS,
  callChannel,
  eventChannel,
} from '../../../shared/contract/connector-contract.js';

const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, _input?: unknown) => ({ ok: true, value: 'x' })),
});
const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  ipcRenderer,
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed[key] = api;
    },
  },
}));

const { registerConnectorIpc, UNTRUSTED_SENDER } = await import('../../../electron/main/ipc.js');
const { APP_URL } = await import('../../../electron/main/security.js');
await import('../../../electron/preload/preload.js');

function fakeService() {
  const emitter = new EventEmitter();
  return {
    emitter,
    call: vi.fn(async (call: unknown) => ({ ok: true as const, value: call })),
    subscribe: (event: string, l: (p: unknown) => void) => {
      emitter.on(event, l);
      return () => emitter.off(event, l);
    },
  };
}

describe('main-process IPC', () => {
  const handlers = new Map<string, (e: unknown, input: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: (ch: string, h: (e: unknown, input: unknown) => Promise<unknown>) =>
      handlers.set(ch, h),
    removeHandler: (ch: string) => handlers.delete(ch),
  };
  const mainFrame = { url: APP_URL };
  const sent: [string, unknown][] = [];
  const contents = {
    mainFrame,
    isDestroyed: () => false,
    send: (ch: string, p: unknown) => sent.push([ch, p]),
  };
  let service: ReturnType<typeof fakeService>;
  let unregister: () => void;

  beforeEach(() => {
    handlers.clear();
    sent.length = 0;
    service = fakeService();
    unregister = registerConnectorIpc(ipcMain as never, service as never, () => contents as never);
  });

  it('registers one handler per contract call on its derived channel', () => {
    expect([...handlers.keys()].sort()).toEqual(
      Object.keys(CONNECTOR_CALLS)
        .map((c) => callChannel(c as keyof typeof CONNECTOR_CALLS))
        .sort(),
    );
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('serves the main window and refuses any other sender', async () => {
    const ok = await handlers.get(callChannel('turnOn'))!(
      { sender: contents, senderFrame: mainFrame },
      undefined,
    );
    expect(ok).toEqual({ ok: true, value: 'turnOn' });
    const other = { mainFrame, isDestroyed: () => false };
    const refused = await handlers.get(callChannel('turnOn'))!(
      { sender: other, senderFrame: mainFrame },
      undefined,
    );
    expect(refused).toEqual(UNTRUSTED_SENDER);
    expect(service.call).toHaveBeenCalledTimes(1);
  });

  it('sends every contract event to the main window on its derived channel', () => {
    for (const e of CONNECTOR_EVENTS) service.emitter.emit(e, { e });
    expect(sent).toEqual(CONNECTOR_EVENTS.map((e) => [eventChannel(e), { e }]));
  });
});

describe('preload', () => {
  const api = exposed.connector as {
    call(c: string, i?: unknown): Promise<unknown>;
    on(e: string, l: (p: unknown) => void): () => void;
  };

  it('exposes window.connector and nothing else', () => {
    expect(Object.keys(exposed)).toEqual(['connector']);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes the derived channel of a contract call', async () => {
    await expect(api.call('signIn', { username: 'a' })).resolves.toEqual({ ok: true, value: 'x' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(callChannel('signIn'), { username: 'a' });
  });

  it('refuses a call outside the contract without touching IPC', async () => {
    ipcRenderer.invoke.mockClear();
    await expect(api.call('evil')).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('listens on the derived event channel, without the IPC event', () => {
    const got: unknown[] = [];
    const off = api.on('state', (p) => got.push(p));
    ipcRenderer.emit(eventChannel('state'), { sender: 'secret' }, { s: 1 });
    off();
    ipcRenderer.emit(eventChannel('state'), {}, { s: 2 });
    expect(got).toEqual([{ s: 1 }]);
    expect(() => api.on('nope', () => undefined)).toThrow(TypeError);
  });
});
