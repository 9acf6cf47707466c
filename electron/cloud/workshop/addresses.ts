/**
 * Which address the cloud advertises. Every URL it hands out (SCIM endpoints, SAML and OIDC
 * endpoints, console and join links) is built from one base URL: `--public-url` when given,
 * else the address it listens on. Listening on every interface (0.0.0.0, ::) names no address
 * at all, and Fastify then reports 127.0.0.1, which on an attendee's laptop is the attendee's own
 * machine: so the cloud advertises this machine's first non-loopback address instead.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

export const isWildcardHost = (host: string): boolean => WILDCARD_HOSTS.has(host);

/** The machine's non-loopback addresses, IPv4 first (what attendees on the network can reach). */
export function lanAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const all = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal && !(i.family === 'IPv6' && i.address.startsWith('fe80:')));
  return [
    ...all.filter((i) => i.family === 'IPv4').map((i) => i.address),
    ...all.filter((i) => i.family === 'IPv6').map((i) => `[${i.address}]`),
  ];
}

/**
 * The base URL to advertise when no public URL was given: the listening address, except for a
 * wildcard listen, where it is the first LAN address (or the listening address if there is none).
 */
export function advertisedBaseUrl(
  listening: string,
  host: string,
  lan: string[] = lanAddresses(),
): string {
  const url = new URL(listening);
  if (isWildcardHost(host) && lan[0]) url.hostname = lan[0];
  else if (url.hostname === '[::1]') url.hostname = 'localhost';
  return url.origin;
}

/** What `npm run cloud` prints so the trainer knows what attendees should type. */
export function attendeeAddressHint(o: {
  baseUrl: string;
  host: string;
  publicUrlGiven: boolean;
  lan?: string[];
}): string[] {
  if (o.publicUrlGiven || !isWildcardHost(o.host)) return [];
  const port = new URL(o.baseUrl).port;
  const lan = o.lan ?? lanAddresses();
  if (!lan.length) {
    return [
      'Listening on every interface, but this machine has no network address other than loopback:',
      'attendees on other machines cannot reach it. Connect to the network and restart.',
    ];
  }
  return [
    'Listening on every interface. Attendees reach this cloud at one of:',
    ...lan.map((a) => `  http://${a}:${port}`),
    `Every link the cloud hands out uses ${o.baseUrl}. If attendees should use another address or`,
    `a host name, restart with --public-url http://<name>:${port} (sign-in needs one agreed address).`,
  ];
}
