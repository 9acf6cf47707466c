import { PRINTABLE_ASCII } from '../store/name-key.js';
import { ScimError } from './errors.js';

/**
 * userName is what people sign in with and what the admin console and the sync log show, so two
 * userNames that look the same must be the same user. Longer than any IdP's login name (Entra's
 * UPN allows 113 characters, an e-mail address 254).
 */
export const MAX_USER_NAME_LENGTH = 256;

/**
 * Characters no userName needs and that make one look like another: controls (NUL, C1), format
 * characters (bidi overrides and isolates, zero-width space / joiners, BOM, soft hyphen), line
 * and paragraph separators, unassigned code points and unpaired surrogates.
 */
const REFUSED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cn}\p{Cs}]/u;

/**
 * The userName to store: NFC, so "é" typed either way is one name. Refuses (400 invalidValue)
 * what `REFUSED` lists and absurd lengths, naming the code point so the IdP admin can find it.
 */
export function normalizeUserName(value: string): string {
  // Most userNames (e-mail addresses, UPNs): NFC already, nothing REFUSED, as many code points as
  // UTF-16 units. 30 ns instead of 360 (NFC, the Unicode-class search and a code point array).
  if (value.length <= MAX_USER_NAME_LENGTH && PRINTABLE_ASCII.test(value)) return value;
  // normalize() leaves unpaired surrogates as they are; REFUSED finds them (\p{Cs}).
  const name = value.normalize('NFC');
  const bad = REFUSED.exec(name);
  if (bad) {
    const cp = bad[0].codePointAt(0)!;
    throw new ScimError(
      400,
      `userName contains ${codePoint(cp)} at position ${bad.index + 1}, a control, invisible or unpaired character that would let two userNames look alike. Remove it.`,
      'invalidValue',
    );
  }
  const length = [...name].length;
  if (length > MAX_USER_NAME_LENGTH) {
    throw new ScimError(
      400,
      `userName is ${length} characters long; at most ${MAX_USER_NAME_LENGTH} are accepted.`,
      'invalidValue',
    );
  }
  return name;
}

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
