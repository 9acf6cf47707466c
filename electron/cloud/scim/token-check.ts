import { timingSafeEqual } from 'node:crypto';
import { tokenMatches } from '../security/tokens.js';

/** How many IdPs' tokens are remembered before the memory starts over. */
const MAX_REMEMBERED = 1000;

/**
 * The SCIM bearer check without a SHA-256 per request. An IdP sends the same token on every
 * request, so the last token that matched each stored hash is remembered (in this process's
 * memory only; the database keeps only the hash) and a request presenting it again is compared
 * with it in constant time. A regenerated token has a new hash, which nothing matches yet: the
 * old token is then hashed, and refused, like any other.
 */
export class ScimTokenCheck {
  private readonly matched = new Map<string, Buffer>();

  matches(presented: string, storedHash: string | null | undefined): boolean {
    if (!storedHash) return false;
    const bytes = Buffer.from(presented);
    const known = this.matched.get(storedHash);
    if (known && known.length === bytes.length && timingSafeEqual(known, bytes)) return true;
    if (!tokenMatches(presented, storedHash)) return false;
    if (this.matched.size >= MAX_REMEMBERED) this.matched.clear();
    this.matched.set(storedHash, bytes);
    return true;
  }
}
