import { withoutTrailingSlashes } from '../../../shared/url.js';

/** Checks a cloud URL typed in Settings; returns the normalised URL or a message. */
export function checkCloudUrl(
  input: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const value = input.trim();
  if (value === '') return { ok: false, message: 'Enter the cloud URL.' };
  if (value.length > 2048) return { ok: false, message: 'The URL is too long.' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: 'Enter a full URL, like https://cloud.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: 'The URL must start with https:// (or http:// for a local cloud).',
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Do not put a user name or password in the URL.' };
  }
  if (url.search || url.hash) {
    return { ok: false, message: 'Leave out the query (?…) and fragment (#…).' };
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && !local && !isPrivateAddress(url.hostname)) {
    return {
      ok: false,
      message:
        'Use https:// for a remote cloud (http:// only for a local or private-network cloud).',
    };
  }
  return { ok: true, url: withoutTrailingSlashes(url.toString()) };
}

/** A private-network IPv4 literal (a workshop cloud on the LAN). */
function isPrivateAddress(host: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
