/**
 * Application segment matching as the trace and the administration see it
 * (policy/segments.ts): inclusive port ranges, domains written in any case, the entries passed
 * over for a port they do not list, "Bypass wins" across segments sharing a wildcard, and the
 * overlap rule that keeps a domain and port in one segment. Found by mutation testing
 * (npm run test:mutation -- policy/segments).
 */
import { describe, expect, it } from 'vitest';
import { rangesOverlap } from '../../../electron/cloud/policy/segments.js';
import { allow, compile, run, segment } from './builders.js';

type Decision = ReturnType<typeof run>;
const segmentLine = (d: Decision) => d.trace.find((e) => e.step === 'segment')!.message;
const everyone = [allow('everyone', [])];

describe('which segment a request lands in', () => {
  const policy = compile({
    segments: [segment('range', ['range.acme.example'], [[8000, 8010], 443])],
    access: everyone,
  });

  it('port ranges include both ends, and are listed in the trace as written', () => {
    for (const port of [8000, 8010, 443]) {
      expect(run(policy, { request: { fqdn: 'range.acme.example', port } }).outcome).toBe(
        'allowed',
      );
    }
    for (const port of [7999, 8011]) {
      expect(run(policy, { request: { fqdn: 'range.acme.example', port } }).code).toBe(
        'BRK_MT_SETUP_FAIL_APP_NOT_FOUND',
      );
    }
    expect(segmentLine(run(policy, { request: { fqdn: 'range.acme.example', port: 8005 } }))).toBe(
      'range.acme.example:8005/TCP → segment "range" (exact range.acme.example, TCP 8000-8010, 443)',
    );
  });

  it('a UDP request lists the UDP ranges of its segment', () => {
    const dns = compile({
      segments: [
        segment('dns', ['dns.acme.example'], [443], { udpPortRanges: [{ from: 53, to: 54 }] }),
      ],
      access: everyone,
    });
    expect(
      segmentLine(run(dns, { request: { fqdn: 'dns.acme.example', port: 53, protocol: 'UDP' } })),
    ).toBe('dns.acme.example:53/UDP → segment "dns" (exact dns.acme.example, UDP 53-54)');
  });

  it('domains match whatever their case or trailing dot, exact and wildcard', () => {
    const mixed = compile({
      segments: [
        segment('exact', ['Wiki.Acme.Example.'], [443]),
        segment('wild', ['*.Dev.Acme.Example'], [443]),
      ],
      access: everyone,
    });
    expect(run(mixed, { request: { fqdn: 'wiki.acme.example' } }).segment).toMatchObject({
      id: 'exact',
      domain: 'wiki.acme.example',
    });
    expect(run(mixed, { request: { fqdn: 'a.dev.acme.example' } }).segment).toMatchObject({
      id: 'wild',
      domain: '*.dev.acme.example',
    });
  });

  it('a wildcard covers whole labels only', () => {
    const policy = compile({
      segments: [segment('wild', ['*.cme.example'], [443])],
      access: everyone,
    });
    expect(run(policy, { request: { fqdn: 'a.acme.example' } }).code).toBe(
      'BRK_MT_SETUP_FAIL_APP_NOT_FOUND',
    );
    expect(run(policy, { request: { fqdn: 'a.cme.example' } }).outcome).toBe('allowed');
    const deeper = compile({
      segments: [segment('wild', ['*.b.acme.example'], [443])],
      access: everyone,
    });
    expect(run(deeper, { request: { fqdn: 'ab.acme.example' } }).code).toBe(
      'BRK_MT_SETUP_FAIL_APP_NOT_FOUND',
    );
  });

  it('with the trace off, a port the exact entry does not list still falls to the wildcard', () => {
    const both = compile({
      segments: [
        segment('web', ['app.acme.example'], [443]),
        segment('wild', ['*.acme.example'], [22]),
      ],
      access: everyone,
    });
    const quiet = (port: number) => run(both, { request: { port } }, { trace: false });
    expect(quiet(22)).toMatchObject({ outcome: 'allowed', segment: { id: 'wild' } });
    expect(quiet(80).code).toBe('BRK_MT_SETUP_FAIL_APP_NOT_FOUND');
  });

  it('the trace names the entries for the host that do not list the port', () => {
    const both = compile({
      segments: [
        segment('web', ['app.acme.example'], [443]),
        segment('wild', ['*.acme.example'], [22]),
      ],
      access: everyone,
    });
    expect(segmentLine(run(both, { request: { port: 22 } }))).toBe(
      'app.acme.example:22/TCP → segment "wild" (wildcard *.acme.example, TCP 22) ("web" lists app.acme.example but not TCP port 22)',
    );
    expect(run(both, { request: { port: 80 } }).trace[0]).toMatchObject({
      step: 'segment',
      result: 'not_found',
    });
    expect(segmentLine(run(both, { request: { port: 80 } }))).toBe(
      'No application segment covers app.acme.example:80/TCP ("web" lists app.acme.example but not TCP port 80; "wild" lists *.acme.example but not TCP port 80)',
    );
  });
});

describe('Bypass wins across segments sharing a wildcard', () => {
  it('a segment with Bypass = Always on another port of the same wildcard bypasses it', () => {
    const d = run(
      compile({
        segments: [
          segment('web', ['*.acme.example'], [443]),
          segment('ssh', ['*.acme.example'], [22], { bypassType: 'ALWAYS' }),
        ],
        access: everyone,
      }),
    );
    expect(d).toMatchObject({ outcome: 'bypassed', forwarding: { source: 'same_domain_bypass' } });
  });

  it('a segment alone on its domain is not bypassed by others', () => {
    const d = run(
      compile({
        segments: [
          segment('web', ['app.acme.example'], [443]),
          segment('ssh', ['ssh.acme.example'], [22], { bypassType: 'ALWAYS' }),
        ],
        access: everyone,
      }),
    );
    expect(d.outcome).toBe('allowed');
  });
});

describe('a domain and port belong to one segment only (the administration checks overlaps)', () => {
  const r = (from: number, to: number) => ({ from, to });

  it('ranges sharing a port overlap, even only at their ends', () => {
    expect(rangesOverlap([r(80, 90)], [r(90, 100)])).toBe(true);
    expect(rangesOverlap([r(90, 100)], [r(80, 90)])).toBe(true);
    expect(rangesOverlap([r(80, 100)], [r(85, 86)])).toBe(true);
    expect(rangesOverlap([r(22, 22), r(443, 443)], [r(8080, 8080), r(443, 443)])).toBe(true);
  });

  it('ranges next to each other, or none at all, do not', () => {
    expect(rangesOverlap([r(80, 89)], [r(90, 100)])).toBe(false);
    expect(rangesOverlap([r(101, 110)], [r(90, 100)])).toBe(false);
    expect(rangesOverlap([], [r(90, 100)])).toBe(false);
  });
});
