/**
 * The web shell's stand-in for the connector service while it loads (electron/web-shell/
 * pending-service.ts): the state before the core at once (getSnapshot too), other calls wait for
 * the service, the windows' subscriptions move to it and they hear its state; a service that
 * never comes still answers every call in the envelope.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import type { BridgeService } from '../../../electron/web-shell/bridge.js';
import { PendingService } from '../../../electron/web-shell/pending-service.js';

const state = (cloudUrl: string) => ({ cloudUrl }) as ConnectorSnapshot;

/** A service that records its calls and emits what it is told to. */
function fakeService(snapshot: ConnectorSnapshot) {
  const events = new EventEmitter();
  const calls: string[] = [];
  const service: BridgeService = {
    snapshot: () => snapshot,
    call: async (call) => {
      calls.push(String(call));
      return { ok: true, value: call };
    },
    subscribe: (event, listener) => {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
  };
  return { service, events, calls };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the service while it loads', () => {
  it('shows the state before the core, and calls wait for the service', async () => {
    const loaded = deferred<BridgeService>();
    const pending = new PendingService(state(''), loaded.promise);
    expect(pending.snapshot()).toEqual(state(''));
    const fake = fakeService(state('http://cloud'));
    let answered = false;
    const answer = pending.call('signIn', { username: 'a@b' }).then((r) => {
      answered = true;
      return r;
    });
    await tick();
    expect(answered).toBe(false);
    loaded.resolve(fake.service);
    expect(await answer).toEqual({ ok: true, value: 'signIn' });
    expect(fake.calls).toEqual(['signIn']);
    expect(pending.snapshot()).toEqual(state('http://cloud'));
  });

  it('answers getSnapshot at once with the state before the core; its input is for the service', async () => {
    const loaded = deferred<BridgeService>();
    const pending = new PendingService(state(''), loaded.promise);
    expect(await pending.call('getSnapshot')).toEqual({ ok: true, value: state('') });
    let answered = false;
    const withInput = pending.call('getSnapshot', { extra: 1 }).then((r) => {
      answered = true;
      return r;
    });
    await tick();
    expect(answered).toBe(false);
    const fake = fakeService(state('http://cloud'));
    loaded.resolve(fake.service);
    expect(await withInput).toEqual({ ok: true, value: 'getSnapshot' });
    expect(await pending.call('getSnapshot')).toEqual({ ok: true, value: 'getSnapshot' });
    expect(fake.calls).toEqual(['getSnapshot', 'getSnapshot']);
  });

  it("moves the windows' subscriptions to the service and sends them its state", async () => {
    const loaded = deferred<BridgeService>();
    const pending = new PendingService(state(''), loaded.promise);
    const states: ConnectorSnapshot[] = [];
    const settings: unknown[] = [];
    pending.subscribe('state', (s) => states.push(s));
    pending.subscribe('settings', (s) => settings.push(s));
    const gone: ConnectorSnapshot[] = [];
    const off = pending.subscribe('state', (s) => gone.push(s));
    off(); // a window that closed before the service came
    const fake = fakeService(state('http://cloud'));
    loaded.resolve(fake.service);
    await tick();
    expect(states).toEqual([state('http://cloud')]);
    expect(settings).toEqual([]); // only the state is sent again
    fake.events.emit('state', state('later'));
    fake.events.emit('settings', { view: 'insight' });
    expect(states).toEqual([state('http://cloud'), state('later')]);
    expect(settings).toEqual([{ view: 'insight' }]);
    expect(gone).toEqual([]);
    expect(fake.events.listenerCount('state')).toBe(1);
  });

  it('unsubscribes from the service once moved, and subscribes to it directly after', async () => {
    const fake = fakeService(state('http://cloud'));
    const pending = new PendingService(state(''), Promise.resolve(fake.service));
    const off = pending.subscribe('state', () => {});
    await tick();
    expect(fake.events.listenerCount('state')).toBe(1);
    off();
    expect(fake.events.listenerCount('state')).toBe(0);
    const offLater = pending.subscribe('notification', () => {});
    expect(fake.events.listenerCount('notification')).toBe(1);
    offLater();
    expect(fake.events.listenerCount('notification')).toBe(0);
  });

  it('answers calls with INTERNAL when the service could not start', async () => {
    const pending = new PendingService(state(''), Promise.reject(new Error('no service')));
    expect(await pending.call('signIn', { username: 'a@b' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'no service' },
    });
    expect(pending.snapshot()).toEqual(state(''));
  });
});
