/** How the web shell answers: its security headers, the renderer's CSP, refusals. */
import type { ServerResponse } from 'node:http';

/** The renderer's Content-Security-Policy: nothing but this origin and its own WebSocket. */
export function rendererCsp(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Keeps the reference to the sign-in popup (the renderer watches it close).
  'cross-origin-opener-policy': 'same-origin-allow-popups',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export const TEXT = 'text/plain; charset=utf-8';

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  setSecurityHeaders(res);
  res.setHeader('content-type', type);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.writeHead(status);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** An HTML page, under the renderer's CSP for the host the browser asked for. */
export function sendPage(res: ServerResponse, status: number, html: string | Buffer, host: string) {
  res.setHeader('content-security-policy', rendererCsp(host));
  send(res, status, 'text/html; charset=utf-8', html);
}

/**
 * An HTML page in two parts: `head` at once, `rest` when it settles (chunked). The browser
 * starts on what the head names (the scripts, the styles) while the host writes the rest.
 */
export async function streamPage(
  res: ServerResponse,
  head: string,
  rest: Promise<string>,
  host: string,
) {
  res.setHeader('content-security-policy', rendererCsp(host));
  setSecurityHeaders(res);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.writeHead(200);
  if (res.req.method === 'HEAD') return void res.end();
  res.write(head);
  res.end(await rest);
}

function setSecurityHeaders(res: ServerResponse) {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
}

/** Sends the browser on (no caching: the target depends on this moment's state). */
export function redirect(res: ServerResponse, location: string) {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('location', location);
  send(res, 302, TEXT, '');
}

/** Refuses an upgrade request on its raw socket. */
export function refuse(socket: { write(s: string): unknown; destroy(): void }, status: string) {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
