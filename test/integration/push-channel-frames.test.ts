/**
 * The cloud's push channel (WebSocket at /api/connector/events) against bad frames: a frame over
 * its 64 KiB limit or a text frame that is not UTF-8 closes that socket with 1009 / 1007 (a
 * close frame the client reads, not a reset), and the cloud and the other sockets stay up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { demoSessionToken } from '../helpers/connector-session.js';

let cloud: RunningCloud;
let token: string;

beforeAll(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'push-admin' });
  token = await demoSessionToken(cloud.baseUrl, 'erin@globex.example', 'device-push-frames');
});
afterAll(async () => cloud?.close());

/** A push-channel socket, once its first message (the snapshot) has arrived. */
async function pushSocket() {
  const ws = new WebSocket(`${cloud.baseUrl.replace('http', 'ws')}/api/connector/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: { type: string }[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as { type: string }));
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, closed };
}

it.each([
  ['a frame over 64 KiB', 1009, (ws: WebSocket) => ws.send('x'.repeat(64 * 1024 + 1))],
  [
    'a text frame that is not UTF-8',
    1007,
    (ws: WebSocket) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }),
  ],
])('%s closes that socket (%i) and nothing else', async (_what, code, sendBad) => {
  const bystander = await pushSocket();
  const victim = await pushSocket();
  sendBad(victim.ws);
  expect(await victim.closed).toBe(code);
  expect((await fetch(`${cloud.baseUrl}/api/health`)).status).toBe(200);
  expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
  // The bystander still gets pushes: a new socket for the session is another snapshot's worth.
  const again = await pushSocket();
  again.ws.close();
  bystander.ws.close();
});
