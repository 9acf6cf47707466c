/**
 * A URL (or a URL's path) without its trailing slashes: the base other paths are appended to
 * (`${base}/api/...`), so `https://cloud.example/` and `https://cloud.example` name one cloud.
 * A loop, not `/\/+$/`, whose backtracking is quadratic on a long run of slashes not at the end.
 */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === SLASH) end--;
  return url.slice(0, end);
}

const SLASH = 0x2f;
