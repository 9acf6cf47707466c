import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

/** Why a ZIP was refused while reading it. */
export class ZipRefused extends Error {
  constructor(
    readonly reason: 'not_zip' | 'too_large_unpacked' | 'unreadable' | 'no_timeline' | 'bad_entry',
    message: string,
  ) {
    super(message);
  }
}

/** Compressed bytes handed to the inflater at a time: DEFLATE expands 1 byte to at most ~1032. */
const CHUNK_BYTES = 16 * 1024;

/**
 * Unpacks the named entries of a ZIP, counting what they unpack to as they inflate and stopping
 * as soon as the total passes `maxUnpacked` (a ZIP bomb never gets further than one chunk past
 * the limit: the sizes its headers declare are not trusted). Other entries are skipped unread.
 */
export function unzipBounded(
  zip: Uint8Array,
  wanted: ReadonlySet<string>,
  maxUnpacked: number,
): Map<string, Uint8Array> {
  if (!isZip(zip)) throw new ZipRefused('not_zip', 'The body is not a ZIP file.');
  const parts = new Map<string, Uint8Array[]>();
  let unpacked = 0;
  let over = false;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!wanted.has(file.name) || over) return;
    const chunks: Uint8Array[] = [];
    parts.set(file.name, chunks);
    file.ondata = (err, chunk) => {
      if (err) throw new ZipRefused('unreadable', `${file.name}: ${err.message}`);
      unpacked += chunk.length;
      if (unpacked > maxUnpacked) {
        over = true;
        file.terminate();
        return;
      }
      chunks.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < zip.length && !over; at += CHUNK_BYTES) {
      unzip.push(zip.subarray(at, at + CHUNK_BYTES), at + CHUNK_BYTES >= zip.length);
    }
  } catch (e) {
    if (e instanceof ZipRefused) throw e;
    throw new ZipRefused('unreadable', `The ZIP cannot be read: ${(e as Error).message}`);
  }
  if (over) {
    throw new ZipRefused(
      'too_large_unpacked',
      `The ZIP unpacks to more than ${maxUnpacked} bytes: refused (a ZIP bomb, or not an Export Logs ZIP).`,
    );
  }
  return new Map([...parts].map(([name, chunks]) => [name, concat(chunks)]));
}

/** A ZIP starts with a local file header, or is the empty archive's end record. */
function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
