/**
 * The push channel never swallows an exception thrown while handling a message (issue 8): the
 * core logs it with its catalog code and shows it (lastError), and a malformed message too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { PushChannel } from '../../../electron/connector/core/push-channel.js';
import { channelHandlers } from '../../../electron/connector/core/push-events.js';
import { ClientLog } from '../../../electron/connector/core/log.js';
import type { ClientEvent } from '../../../shared/state/index.js';

let server: WebSocketServer;
let url: string;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('connection', (s) => sockets.push(s));
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await new Promise((r) => server.close(r));
});

const message = { type: 'policyChanged', version: 2, seq: 1, at: new Date().toISOString() };

it('reports a handler that throws and a malformed message, with the catalog code', async () => {
  const log = new ClientLog();
  const events: ClientEvent[] = [];
  const channel = new PushChannel(url.replace(/\/$/, ''));
  const handlers = channelHandlers({
    log,
    broker: 'b',
    clock: () => false,
    dispatch: (e) => {
      events.push(e);
      if (e.type === 'policyChanged') throw new TypeError('bug in a handler');
    },
  });
  const opened = new Promise<void>((r) => server.once('connection', () => r()));
  channel.connect('token', handlers);
  await opened;
  await expect.poll(() => events.some((e) => e.type === 'channelOpened')).toBe(true);
  const socket = sockets.at(-1)!;
  socket.send(JSON.stringify(message));
  socket.send('{not json');
  await expect.poll(() => events.filter((e) => e.type === 'fault').length).toBe(2);
  expect(events.filter((e) => e.type === 'fault')).toEqual([
    { type: 'fault', code: 'INTERNAL', detail: 'bug in a handler' },
    expect.objectContaining({ type: 'fault', code: 'INTERNAL' }),
  ]);
  const errors = log.all().filter((l) => l.level === 'error');
  expect(errors).toHaveLength(2);
  expect(errors[0]!.message).toMatch(/^INTERNAL: /);
  channel.close();
});
