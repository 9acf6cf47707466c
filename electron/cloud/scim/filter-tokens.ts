/**
 * The tokenizer of SCIM filters (filter.ts explains why it replaces the library's): quoted
 * strings as JSON reads them, numbers, brackets, and words, the one after `].` marked.
 */
import type { Token } from 'scim2-parse-filter/lib/src/parser.js';

/** Prefix marking the word after `].` so filter.ts's fold can find it. Cannot occur in input. */
export const SUB_MARK = '\u0001';

const TOKEN =
  /\s+|("(?:[^"\\]|\\.)*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)(?=[\s()[\]]|$)|(\]\.?|[()[])|([A-Za-z_$][\w$:./%-]*)/y;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let afterDot = false;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text[at] === '"') throw new Error(`unterminated string at position ${at + 1}`);
      throw new Error(`unexpected character ${JSON.stringify(text[at])} at position ${at + 1}`);
    }
    if (m[1] !== undefined) {
      if (m[1].includes('\\')) {
        try {
          JSON.parse(m[1]);
        } catch {
          throw new Error(`bad escape in the string ${m[1]}`);
        }
      }
      out.push({ type: 'Quoted', literal: m[1] });
    } else if (m[2] !== undefined) {
      out.push({ type: 'Number', literal: m[2] });
    } else if (m[3] !== undefined) {
      out.push({ type: 'Bracket', literal: m[3] });
      afterDot = m[3] === '].';
      continue;
    } else if (m[4] !== undefined) {
      out.push({ type: 'Word', literal: afterDot ? SUB_MARK + m[4] : m[4] });
    } else {
      // whitespace
      if (afterDot) throw new Error('a sub-attribute name must follow "]." directly');
      continue;
    }
    if (afterDot && m[4] === undefined) throw new Error('a sub-attribute name must follow "]."');
    afterDot = false;
  }
  if (afterDot) throw new Error('a sub-attribute name must follow "]."');
  out.push({ type: 'EOT', literal: '' });
  return out;
}
