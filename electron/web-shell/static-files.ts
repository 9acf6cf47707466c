import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Hashed build assets can be cached for good; the rest is revalidated. */
  immutable: boolean;
}

/**
 * Resolves a URL path inside `root` (the built renderer), refusing anything outside it. Paths
 * without an extension fall back to index.html (client-side routes); missing files are null.
 */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const wanted = normalize(join(base, decoded));
  if (wanted !== base && !wanted.startsWith(base + sep)) return null;

  const ext = extname(wanted).toLowerCase();
  const target = ext ? wanted : join(base, 'index.html');
  try {
    const s = await stat(target);
    if (!s.isFile()) {
      if (s.isDirectory()) return readStatic(root, '/index.html');
      return null;
    }
    return {
      body: await readFile(target),
      type: TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
      immutable: /[\\/]assets[\\/]/.test(target.slice(base.length)),
    };
  } catch {
    return null;
  }
}
