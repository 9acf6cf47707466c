/**
 * The push hub on real WebSockets (a `ws` server on port 0): numbering per session, fan-out to
 * every socket of a session, closing and dropping, and the keep-alive pings.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { PushHub } from '../../../electron/cloud/broker/push-hub.js';
import type { PushEvent, PushMessage } from '../../../electron/cloud/broker/types.js';
import { T0, within } from './harness.js';

const SNAPSHOT = { type: 'policyChanged', version: 0 } as PushEvent;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function setup(pingMs?: number) {
  const clock = new SimulatedClock(() => T0);
  const hub = new PushHub(clock, pingMs);
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  cleanup.push(() => new Promise((r) => server.close(r)));
  cleanup.push(() => hub.closeAll());
  server.on('connection', (socket, req) => hub.attach(req.url!.slice(1), socket, () => SNAPSHOT));
  const connect = async (sessionId: string) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${(server.address() as AddressInfo).port}/${sessionId}`,
    );
    cleanup.push(() => socket.terminate());
    const messages: PushMessage[] = [];
    socket.on('message', (d) => messages.push(JSON.parse(String(d)) as PushMessage));
    const closing = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    await once(socket, 'message');
    const settle = async () => {
      socket.ping();
      await within(once(socket, 'pong'), 'pong');
    };
    return {
      socket,
      messages,
      get closed() {
        return within(closing, 'the close');
      },
      settle,
    };
  };
  return { clock, hub, connect };
}

describe('PushHub', () => {
  it('numbers the messages per session from 1, stamped with the cloud time', async () => {
    const { clock, hub, connect } = await setup();
    const a = await connect('a');
    const b = await connect('b');
    clock.advance(5000);
    hub.send('a', { type: 'policyChanged', version: 7 });
    hub.send('a', { type: 'certificateRotated' });
    hub.send('b', { type: 'certificateRotated' });
    await a.settle();
    await b.settle();
    expect(a.messages).toEqual([
      { ...SNAPSHOT, seq: 1, at: new Date(T0).toISOString() },
      { type: 'policyChanged', version: 7, seq: 2, at: new Date(T0 + 5000).toISOString() },
      { type: 'certificateRotated', seq: 3, at: new Date(T0 + 5000).toISOString() },
    ]);
    expect(b.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('sends to every socket of the session and tells the listeners of connected sessions', async () => {
    const { hub, connect } = await setup();
    const one = await connect('s');
    const two = await connect('s');
    const sent: [string, number][] = [];
    const unsubscribe = hub.onSent((id, m) => sent.push([id, m.seq]));
    hub.send('s', { type: 'certificateRotated' });
    hub.send('nobody', { type: 'certificateRotated' });
    await one.settle();
    await two.settle();
    expect(one.messages.at(-1)).toMatchObject({ type: 'certificateRotated', seq: 3 });
    expect(two.messages.at(-1)).toMatchObject({ type: 'certificateRotated', seq: 3 });
    expect(sent).toEqual([['s', 3]]);
    unsubscribe();
    hub.send('s', { type: 'certificateRotated' });
    expect(sent).toHaveLength(1);
  });

  it('forgets a session when its last socket closes, and tells its presence listeners', async () => {
    const { hub, connect } = await setup();
    const presence: [string, boolean][] = [];
    hub.onPresence((id, here) => presence.push([id, here]));
    const one = await connect('s');
    const two = await connect('s');
    expect(hub.connectedSessions()).toEqual(['s']);
    expect(presence).toEqual([['s', true]]);
    one.socket.close();
    await one.closed;
    await two.settle();
    expect(hub.connectedSessions()).toEqual(['s']);
    hub.send('s', { type: 'certificateRotated' });
    await two.settle();
    expect(two.messages.at(-1)).toMatchObject({ type: 'certificateRotated' });
    two.socket.close();
    await two.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.connectedSessions()).toEqual([]);
    expect(presence).toEqual([
      ['s', true],
      ['s', false],
    ]);
  });

  it('disconnect closes with the session-ended code unless told another', async () => {
    const { hub, connect } = await setup();
    const a = await connect('a');
    const b = await connect('b');
    hub.disconnect('a');
    hub.disconnect('b', 4003, 'revoked');
    hub.disconnect('nobody');
    expect(await a.closed).toEqual({ code: 4001, reason: 'session ended' });
    expect(await b.closed).toEqual({ code: 4003, reason: 'revoked' });
  });

  it('drop ends the sockets without a close frame and says how many', async () => {
    const { hub, connect } = await setup();
    const one = await connect('s');
    await connect('s');
    expect(hub.drop('s')).toBe(2);
    expect(hub.drop('nobody')).toBe(0);
    expect((await one.closed).code).toBe(1006);
  });

  it('closeAll ends every socket', async () => {
    const { hub, connect } = await setup();
    const a = await connect('a');
    const presence: boolean[] = [];
    hub.onPresence((_, here) => presence.push(here));
    hub.closeAll();
    expect((await a.closed).code).toBe(1006);
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.connectedSessions()).toEqual([]);
    // Closing down is not a connector leaving: the instance clears its presence at once.
    expect(presence).toEqual([]);
  });

  it('pings every open socket to keep the channel alive', async () => {
    const { connect } = await setup(20);
    const a = await connect('a');
    await within(once(a.socket, 'ping'), 'a ping');
  });
});
