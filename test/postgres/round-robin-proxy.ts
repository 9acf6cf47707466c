/**
 * The load balancer of the cross-instance tests: one address, each HTTP request sent to the
 * next backend in turn (no stickiness), so a flow of several requests crosses instances at
 * every step. It records which backend answered which path.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Backend base URLs, set once the instances run (they are given the proxy's URL first). */
  backends: string[];
  /** "<backend index> <method> <path>" of every request, in order. */
  served: string[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let next = 0;
  const proxy: Omit<RoundRobinProxy, 'url' | 'close'> = { backends: [], served: [] };
  const server: Server = createServer((req, res) => {
    const index = next++ % proxy.backends.length;
    const target = new URL(req.url ?? '/', proxy.backends[index]);
    proxy.served.push(`${index} ${req.method} ${target.pathname}`);
    const upstream = request(
      target,
      // The Host the client asked for goes through, as with nginx's proxy_set_header Host.
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
