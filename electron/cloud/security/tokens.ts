import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new bearer token: 32 random bytes, URL-safe, never starting with '-'. Admin tokens are given
 * on command lines (`npm run scenario -- run … --admin-token <t>`, a workshop attendee's), where a
 * leading dash reads as an option: one token in 64 failed there.
 */
export function newToken(): string {
  for (;;) {
    const token = randomBytes(32).toString('base64url');
    if (!token.startsWith('-')) return token;
  }
}

/** Tokens are stored only as SHA-256 hashes; they are high-entropy, so no salt or KDF is needed. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(presented: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashToken(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. Never from a query string. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match?.[1];
}
