/**
 * A client that keeps writing a large body whatever the server answers meanwhile, and reads the
 * answer only once its body is sent: every byte must be taken (no EPIPE / ECONNRESET, which reject
 * here) and the answer (a 413) must then still be there to read.
 */
import { request } from 'node:http';

export interface OversizedPost {
  url: string;
  headers: Record<string, string>;
  totalBytes: number;
  /** Pause between 64 KiB chunks; 0 writes as fast as the socket takes them. */
  delayMs?: number;
}

export function postOversized(opts: OversizedPost): Promise<{ status: number; body: string }> {
  const url = new URL(opts.url);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return new Promise((resolve, reject) => {
    let answer: { status: number; body: string } | null = null;
    let finished = false;
    const done = () => answer && finished && resolve(answer);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...opts.headers, 'content-length': opts.totalBytes },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += String(d)));
        res.on('end', () => ((answer = { status: res.statusCode!, body }), done()));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('finish', () => ((finished = true), done()));
    let sent = 0;
    const write = () => {
      if (sent >= opts.totalBytes) return req.end();
      sent += chunk.length;
      req.write(chunk);
      if (opts.delayMs) setTimeout(write, opts.delayMs);
      else setImmediate(write);
    };
    write();
  });
}
