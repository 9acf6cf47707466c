import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  advertisedBaseUrl,
  attendeeAddressHint,
  lanAddresses,
} from '../../../electron/cloud/workshop/addresses.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

describe('the address the cloud advertises', () => {
  it('lists non-loopback addresses, IPv4 first, without link-local IPv6', () => {
    const lan = lanAddresses({
      lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
      eth0: [nic('fd00::5', 'IPv6'), nic('fe80::1', 'IPv6'), nic('192.168.1.20', 'IPv4')],
    });
    expect(lan).toEqual(['192.168.1.20', '[fd00::5]']);
  });

  it('never advertises 127.0.0.1 for a wildcard listen when the machine has a LAN address', () => {
    expect(advertisedBaseUrl('http://127.0.0.1:8787', '0.0.0.0', ['192.168.1.20'])).toBe(
      'http://192.168.1.20:8787',
    );
    expect(advertisedBaseUrl('http://[::1]:8787', '::', ['[fd00::5]'])).toBe(
      'http://[fd00::5]:8787',
    );
  });

  it('keeps the bound address otherwise', () => {
    expect(advertisedBaseUrl('http://127.0.0.2:9000', '127.0.0.2', ['10.0.0.1'])).toBe(
      'http://127.0.0.2:9000',
    );
    expect(advertisedBaseUrl('http://[::1]:9000', '::1', [])).toBe('http://localhost:9000');
  });

  it('tells the trainer which addresses attendees can use, and how to choose a name', () => {
    const hint = attendeeAddressHint({
      baseUrl: 'http://192.168.1.20:8787',
      host: '0.0.0.0',
      publicUrlGiven: false,
      lan: ['192.168.1.20', '10.8.0.3'],
    }).join('\n');
    expect(hint).toContain('http://192.168.1.20:8787');
    expect(hint).toContain('http://10.8.0.3:8787');
    expect(hint).toContain('--public-url');
    expect(
      attendeeAddressHint({ baseUrl: 'http://x:1', host: '0.0.0.0', publicUrlGiven: true }),
    ).toEqual([]);
  });
});
