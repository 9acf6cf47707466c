/**
 * What the web-shell tests use to talk to a running web shell as a browser or a script would:
 * raw HTTP (any path, any Host header), the launch cookie, a /bridge client, and polling.
 */
import { request } from 'node:http';
import WebSocket from 'ws';
import type { BridgeFrame } from '../../shared/contract/connector-contract.js';
import type { RunningWebShell } from '../../electron/web-shell/server.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: a path fetch() would not normalise, any Host header. */
export function raw(
  shell: RunningWebShell,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the printed URL as a browser does and returns the `Cookie` header it then sends. */
export async function launchCookie(shell: RunningWebShell): Promise<string> {
  const res = await fetch(shell.launchUrl, { redirect: 'manual' });
  const setCookie = res.headers.get('set-cookie');
  if (res.status !== 302 || !setCookie) throw new Error(`no launch cookie (${res.status})`);
  return setCookie.split(';')[0]!;
}

/** A /bridge client; `headers` carries the cookie (or nothing, to be refused). */
export function bridge(
  shell: RunningWebShell,
  opts: { origin?: string; headers?: Record<string, string>; query?: string } = {},
) {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/bridge${opts.query ?? ''}`, {
    ...(opts.origin ? { origin: opts.origin } : {}),
    headers: opts.headers ?? {},
  });
  const frames: BridgeFrame[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as BridgeFrame));
  let id = 0;
  const call = async (name: string, input?: unknown) => {
    const my = ++id;
    ws.send(JSON.stringify({ id: my, call: name, ...(input === undefined ? {} : { input }) }));
    for (let i = 0; i < 200; i++) {
      const f = frames.find((x) => 'id' in x && x.id === my);
      if (f && 'result' in f) return f.result;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no answer to ${name}`);
  };
  return {
    ws,
    frames,
    call,
    open: new Promise<void>((r, j) => (ws.once('open', () => r()), ws.once('error', j))),
    closed: new Promise<number>((r) => ws.once('close', (code) => r(code))),
  };
}

/** Polls until `ok` holds, or fails the test with the last value seen. */
export async function until<T>(
  fn: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
