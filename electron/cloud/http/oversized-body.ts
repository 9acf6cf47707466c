import type { FastifyReply } from 'fastify';

/** Past this much of a refused body, the client is wasting everyone's time: the socket closes. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/**
 * Lets a client still sending a body too large to accept read the 413 it is answered with.
 * Fastify answers at once with `Connection: close` and stops reading, so the socket is closed
 * under a client still writing, which then sees EPIPE / ECONNRESET instead of the 413 (clients
 * that read only once their body is sent never see it). Instead the connection stays open and
 * the rest of the body is read and dropped; then it serves the next request.
 */
export function discardRestOfBody(reply: FastifyReply): void {
  reply.removeHeader('connection');
  const req = reply.request.raw;
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** Whether `err` is Fastify's "body larger than bodyLimit". */
export const isBodyTooLarge = (err: unknown): boolean =>
  (err as { code?: string } | null)?.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
