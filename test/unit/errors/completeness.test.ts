/**
 * Every error code is written once (shared/errors/codes.ts) and has a catalog entry: the sources of
 * electron/, shared/ and renderer/ are scanned for code-shaped string literals where codes appear,
 * so a code spelled outside shared/errors fails here (and the message says where).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_ERROR_CODES, ERROR_CATALOG, describeError } from '../../../shared/errors/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = ['electron', 'shared', 'renderer'];
/** The only place a code is spelled out. */
const CATALOG_DIR = 'shared/errors/';

/** A numeric client code (42015, -7) or an upper-case name (SESSION_INVALID, BRK_MT_...). */
const CODE_SHAPE = /^(?:-?\d{1,5}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)$/;

/** Where codes appear. Each pattern captures the literal's text in group 2. */
const PATTERNS: { name: string; re: RegExp; anyShape?: boolean }[] = [
  // new AuthError('42042', ...), new ConnectorError('USAGE', ...), acsErrorOutcome('42045', ...),
  // fail('42013', ...), reportError('X') ...: the first argument of an error-making call.
  { name: 'error call', re: /\b(?:fail|\w*[Ee]rror\w*)\(\s*(['"`])((?:(?!\1)[^\\$\n])+)\1/g },
  // { code: 'INVALID_REQUEST', ... } in error bodies, push events and types.
  { name: 'code property', re: /\bcode\??:\s*(['"`])((?:(?!\1)[^\\$\n])+)\1/g },
  // ZPA session status codes anywhere (const SCIM_DISABLED = 'MT_CLOSED_...').
  {
    name: 'session status code',
    re: /(['"`])((?:BRK|AST|ZPN|MT|CLT)_[A-Z0-9_]+)\1/g,
    anyShape: true,
  },
  // The real client's 42xxx codes anywhere.
  { name: '42xxx code', re: /(['"`])(42\d{3})\1/g, anyShape: true },
];

interface FoundCode {
  code: string;
  file: string;
  line: number;
  pattern: string;
}

/** The codes used in one source text. */
function extractCodes(source: string, file = '<source>'): FoundCode[] {
  const found: FoundCode[] = [];
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  for (const { name, re, anyShape } of PATTERNS) {
    for (const m of source.matchAll(re)) {
      const code = m[2]!;
      if (!anyShape && !CODE_SHAPE.test(code)) continue;
      found.push({ code, file, line: lineOf(m.index), pattern: name });
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('extractCodes', () => {
  it('finds codes where the modules put them', () => {
    const sample = [
      "throw new ConnectorError('NEW_CLIENT_CODE', 'x');",
      'throw new AuthError(',
      "  '42999',",
      "  'message');",
      "return reply.send({ error: { code: 'SOME_API_CODE', message: e.message } });",
      "const X = 'BRK_MT_SOMETHING_NEW';",
      "fail('-99', 'oops');",
      "acsErrorOutcome('42045', 'too large', 413);",
    ].join('\n');
    expect(
      extractCodes(sample)
        .map((f) => f.code)
        .sort(),
    ).toEqual(
      [
        '-99',
        '42045',
        '42045',
        '42999',
        '42999',
        'BRK_MT_SOMETHING_NEW',
        'NEW_CLIENT_CODE',
        'SOME_API_CODE',
      ].sort(),
    );
    expect(extractCodes(sample).find((f) => f.code === 'SOME_API_CODE')?.line).toBe(5);
  });

  it('ignores what is not one of our codes', () => {
    const sample = [
      "if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {}",
      "throw new Error('Something went wrong');",
      "new AdminError(404, 'not_found', 'No such IdP.');",
      'return new ConnectorError(`HTTP_${status}`, e.message);',
      "throw new ScimError(400, 'bad', 'invalidValue');",
      "const port = '42'; // not a code",
    ].join('\n');
    expect(extractCodes(sample)).toEqual([]);
  });
});

describe('catalog completeness', () => {
  const scanned = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)));
  const found = scanned.flatMap((path) =>
    extractCodes(readFileSync(path, 'utf8'), relative(ROOT, path)),
  );
  const outside = found.filter((f) => !f.file.startsWith(CATALOG_DIR));

  it('scans the modules (and finds the catalog itself)', () => {
    const codes = new Set(found.map((f) => f.code));
    expect(scanned.length).toBeGreaterThan(100);
    for (const code of ['42042', '42015', 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE']) {
      expect(codes.has(code), `${code} not found by the scan`).toBe(true);
    }
  });

  it('no module outside shared/errors spells a code: they name it through CODES', () => {
    const raw = outside.map((f) => `${f.code}  (${f.file}:${f.line}, ${f.pattern})`);
    expect([...new Set(raw)], 'use CODES.<name> from shared/errors/codes.ts').toEqual([]);
  });

  it('every listed code has a catalog entry, and every entry a listed code', () => {
    expect(ALL_ERROR_CODES.filter((c) => describeError(c).code !== c)).toEqual([]);
    expect(new Set(ALL_ERROR_CODES).size).toBe(ALL_ERROR_CODES.length);
    expect(Object.keys(ERROR_CATALOG).sort()).toEqual([...ALL_ERROR_CODES].sort());
  });
});
