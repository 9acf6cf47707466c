import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bridgeUrl,
  connectBridge,
  toEnvelope,
  WebSocketConnector,
  wrapPreload,
} from '../../../renderer/bridge';
import type { WebSocketLike } from '../../../renderer/bridge/ws-connector';
import { createMockConnector } from '../../../renderer/dev/mock-connector';
import { createConnectorStore } from '../../../renderer/store';
import type { ConnectorApi } from '../../../shared/contract/connector-contract';

/** A WebSocket the test drives: it records frames and opens, answers, closes on command. */
class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code: 1006 });
  }
}

const last = () => FakeSocket.all.at(-1)!;
let connector: WebSocketConnector | null = null;
const make = (opts: Partial<ConstructorParameters<typeof WebSocketConnector>[1]> = {}) =>
  (connector = new WebSocketConnector('ws://host:8080/bridge', {
    factory: (url) => new FakeSocket(url),
    random: () => 0.5,
    ...opts,
  }));

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  connector?.close();
  connector = null;
});

describe('WebSocket bridge', () => {
  it('derives the endpoint from the page location', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe(
      'ws://127.0.0.1:4000/bridge',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'cc.example' })).toBe('wss://cc.example/bridge');
  });

  it('queues calls until open, sends numbered BridgeRequests, resolves by id', async () => {
    const ws = make();
    const a = ws.call('getSnapshot');
    const b = ws.call('openApp', { app: 'git.acme.example', port: 443 });
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([
      { id: 1, call: 'getSnapshot' },
      { id: 2, call: 'openApp', input: { app: 'git.acme.example', port: 443 } },
    ]);
    // Answers may come in any order.
    last().receive({
      id: 2,
      result: {
        ok: false,
        error: { code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE', message: 'not synced' },
      },
    });
    last().receive({ id: 1, result: { ok: true, value: { username: 'a@b.c' } } });
    expect(await a).toEqual({ ok: true, value: { username: 'a@b.c' } });
    expect(await b).toEqual({
      ok: false,
      error: { code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE', message: 'not synced' },
    });
  });

  it('turns a malformed answer into INTERNAL and ignores junk frames', async () => {
    const ws = make();
    last().open();
    const p = ws.call('getAbout');
    last().receive('not json');
    last().receive({ something: 'else' });
    last().receive({ id: 1, result: { ok: false, error: { message: 'no code' } } });
    expect(await p).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The Client Connector service sent a malformed answer.' },
    });
  });

  it('refuses unknown calls without sending them', async () => {
    const ws = make();
    last().open();
    const r = await ws.call('rmRf' as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(last().sent).toEqual([]);
  });

  it('dispatches state and notification events to their listeners', () => {
    const ws = make();
    last().open();
    const states: unknown[] = [];
    const notes: unknown[] = [];
    const off = ws.on('state', (s) => states.push(s));
    ws.on('notification', (n) => notes.push(n));
    last().receive({ event: 'state', payload: { v: 1 } });
    last().receive({ event: 'notification', payload: { id: 'n' } });
    last().receive({ event: 'bogus', payload: {} });
    off();
    last().receive({ event: 'state', payload: { v: 2 } });
    expect(states).toEqual([{ v: 1 }]);
    expect(notes).toEqual([{ id: 'n' }]);
  });

  it('fails calls in flight when the link drops and reconnects with backoff', async () => {
    const ws = make();
    const links: string[] = [];
    ws.onLink((l) => links.push(`${l.state}:${l.attempt}`));
    last().open();
    const inFlight = ws.call('exportLogs');
    last().drop();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(ws.getLink()).toMatchObject({ state: 'reconnecting', attempt: 1 });
    // Queued while down, sent once back (never twice).
    const queued = ws.call('getSnapshot');
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(375); // first retry: 250..500 ms with random 0.5
    expect(FakeSocket.all).toHaveLength(2);
    last().drop();
    expect(ws.getLink()).toMatchObject({ state: 'reconnecting', attempt: 2 });
    vi.advanceTimersByTime(749);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    last().open();
    expect(last().sent).toEqual([{ id: 2, call: 'getSnapshot' }]);
    last().receive({ id: 2, result: { ok: true, value: 'snap' } });
    expect(await queued).toEqual({ ok: true, value: 'snap' });
    expect(links).toEqual(['open:0', 'reconnecting:1', 'reconnecting:2', 'open:0']);
  });

  it('backs off to at most 10 s', () => {
    const ws = make({ random: () => 1 });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      last().drop();
      waits.push(ws.getLink().retryAt! - Date.now());
      vi.advanceTimersByTime(waits.at(-1)!);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('times out a call that gets no answer', async () => {
    const ws = make({ callTimeoutMs: 5000 });
    last().open();
    const p = ws.call('restartService');
    vi.advanceTimersByTime(5000);
    expect(await p).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('close() fails pending calls and stops reconnecting', async () => {
    const ws = make();
    const p = ws.call('getSnapshot');
    ws.close();
    expect(await p).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(ws.getLink().state).toBe('closed');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(await ws.call('getSnapshot')).toMatchObject({ ok: false });
  });

  it('the store re-reads the snapshot when the link comes back', async () => {
    const ws = make();
    const store = createConnectorStore({ api: ws, kind: 'websocket', link: ws });
    const first = createMockConnector({ scenario: 'on' }).snapshot;
    const second = { ...first, policyVersion: 15 };
    const stop = store.getState().actions.start();
    last().open();
    // The snapshot first, then the settings (the window's view).
    expect(last().sent).toEqual([
      { id: 1, call: 'getSnapshot' },
      { id: 2, call: 'getSettings' },
    ]);
    last().receive({ id: 1, result: { ok: true, value: first } });
    await vi.waitFor(() => expect(store.getState().snapshot).toEqual(first));
    last().drop();
    expect(store.getState().link.state).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    last().open();
    expect(last().sent).toEqual([{ id: 3, call: 'getSnapshot' }]);
    last().receive({ event: 'state', payload: second });
    expect(store.getState().snapshot).toEqual(second);
    stop();
  });
});

describe('preload bridge', () => {
  it('uses window.connector when the preload exposed it', () => {
    const api: ConnectorApi = { call: vi.fn(), on: vi.fn(() => () => undefined) };
    const bridge = connectBridge({ connector: api, location: window.location, open: vi.fn() });
    expect(bridge.kind).toBe('preload');
    // Electron opens its own login window.
    expect(bridge.signInWindow).toBeUndefined();
    expect(bridge.link.getLink().state).toBe('open');
  });

  it('keeps error codes, and turns a throw into a failure with its code', async () => {
    const call = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, error: { code: '42001', message: 'no domain' } })
      .mockRejectedValueOnce(Object.assign(new Error('bad input'), { code: 'INVALID_REQUEST' }))
      .mockRejectedValueOnce(new Error('IPC gone'))
      .mockResolvedValueOnce({ ok: true, value: 7 });
    const api = wrapPreload({ call, on: () => () => undefined } as unknown as ConnectorApi);
    expect(await api.call('signIn', { username: 'x' })).toEqual({
      ok: false,
      error: { code: '42001', message: 'no domain' },
    });
    expect(await api.call('getSnapshot')).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'bad input' },
    });
    expect(await api.call('getSnapshot')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'IPC gone' },
    });
    expect(await api.call('getSnapshot')).toEqual({ ok: true, value: 7 });
  });

  it('isolates a throwing listener', () => {
    let emit: (p: unknown) => void = () => undefined;
    const api = wrapPreload({
      call: vi.fn(),
      on: (_e: string, l: (p: unknown) => void) => {
        emit = l;
        return () => undefined;
      },
    } as unknown as ConnectorApi);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.on('state', () => {
      throw new Error('boom');
    });
    expect(() => emit({})).not.toThrow();
    expect(error).toHaveBeenCalled();
  });

  it('toEnvelope keeps well-formed envelopes', () => {
    expect(toEnvelope({ ok: true, value: null })).toEqual({ ok: true, value: null });
    expect(toEnvelope({ ok: false, error: { code: 'X', message: 1 } })).toEqual({
      ok: false,
      error: { code: 'X', message: '' },
    });
    expect(toEnvelope(undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
