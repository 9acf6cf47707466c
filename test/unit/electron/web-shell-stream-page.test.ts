/**
 * The window's page goes out in two parts (responses.ts's streamPage): its head at once, so the
 * browser fetches the scripts and styles it names while the host gets the state that ends the
 * page (page-state.ts), then the rest.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { rendererCsp, streamPage } from '../../../electron/web-shell/responses.js';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

it('sends the head before the rest is known, under the CSP, then the rest', async () => {
  let finish!: (rest: string) => void;
  const rest = new Promise<string>((resolve) => (finish = resolve));
  server = createServer((req, res) => void streamPage(res, '<head>', rest, 'h:1'));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const chunks: string[] = [];
  const response = await new Promise<import('node:http').IncomingMessage>((resolve) =>
    request({ port, host: '127.0.0.1', path: '/' }, resolve).end(),
  );
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-security-policy']).toBe(rendererCsp('h:1'));
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  response.setEncoding('utf8');
  const ended = new Promise<void>((resolve) => response.on('end', resolve));
  // The head arrives while the rest is still pending.
  const first = await new Promise<string>((resolve) => response.once('data', resolve));
  chunks.push(first);
  expect(first).toBe('<head>');
  response.on('data', (c: string) => chunks.push(c));
  finish('<body></body>');
  await ended;
  expect(chunks.join('')).toBe('<head><body></body>');
});
