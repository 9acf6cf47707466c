/**
 * App connections on the simulated clock: who owns them, the simulated traffic of the minute
 * after use, idle timeouts, and the connection log.
 */
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { AppConnections } from '../../../electron/cloud/broker/app-connections.js';
import { CODES } from '../../../shared/errors/codes.js';
import { T0 } from './harness.js';

const iso = (ms: number) => new Date(ms).toISOString();
function setup() {
  const clock = new SimulatedClock(() => T0);
  return { clock, connections: new AppConnections(clock) };
}

describe('AppConnections', () => {
  it('opens a connection with a stable latency per app, owned by one user and device', () => {
    const { clock, connections } = setup();
    const a = connections.open('alice', 'git.acme.example', 443, null);
    clock.advance(1000);
    const b = connections.open('alice', 'git.acme.example', 22, 60_000);
    const other = connections.open('bob', 'wiki.acme.example', 443, null);
    expect(a).toEqual({
      id: a.id,
      app: 'git.acme.example',
      port: 443,
      openedAt: iso(T0),
      lastActivityAt: iso(T0),
      bytesSent: 0,
      bytesReceived: 0,
      latencyMs: a.latencyMs,
      state: 'open',
    });
    expect(b.latencyMs).toBe(a.latencyMs);
    const latencies = [
      'a',
      'b',
      'intranet.acme.example',
      'payroll.acme.example',
      'x'.repeat(99),
    ].map((app) => connections.open('carol', app, 443, null).latencyMs);
    for (const l of [...latencies, a.latencyMs, other.latencyMs]) {
      expect(l).toBeGreaterThanOrEqual(8);
      expect(l).toBeLessThanOrEqual(40);
    }
    expect(new Set(latencies).size).toBeGreaterThan(1);
    expect(connections.list('alice').map((c) => c.id)).toEqual([a.id, b.id]);
    expect(connections.ownerOf(other.id)).toBe('bob');
    expect(connections.ownerOf('nope')).toBeUndefined();
  });

  it('traffic flows for a minute after the last use, more coming back than going out', () => {
    const { clock, connections } = setup();
    const c = connections.open('alice', 'git.acme.example', 443, null);
    connections.trafficTick();
    const [first] = connections.list('alice');
    expect(first!.bytesSent).toBeGreaterThanOrEqual(200);
    expect(first!.bytesSent).toBeLessThan(2000);
    expect(first!.bytesReceived).toBeGreaterThanOrEqual(3 * first!.bytesSent);
    expect(first!.bytesReceived).toBeLessThanOrEqual(10 * first!.bytesSent);

    clock.advance(60_000);
    connections.trafficTick();
    const [atMinute] = connections.list('alice');
    expect(atMinute!.bytesSent).toBeGreaterThan(first!.bytesSent);

    clock.advance(1);
    connections.trafficTick();
    expect(connections.list('alice')[0]!.bytesSent).toBe(atMinute!.bytesSent);

    expect(connections.use(c.id)).toMatchObject({
      lastActivityAt: iso(T0 + 60_001),
      state: 'open',
    });
    expect(connections.use('nope')).toBeUndefined();
    connections.trafficTick();
    expect(connections.list('alice')[0]!.bytesSent).toBeGreaterThan(atMinute!.bytesSent);
  });

  it('the simulated traffic varies from tick to tick', () => {
    const { connections } = setup();
    connections.open('alice', 'git.acme.example', 443, null);
    const sent = new Set<number>();
    const ratios = new Set<number>();
    let before = connections.list('alice')[0]!;
    for (let i = 0; i < 40; i++) {
      connections.trafficTick();
      const after = connections.list('alice')[0]!;
      const out = after.bytesSent - before.bytesSent;
      sent.add(out);
      ratios.add((after.bytesReceived - before.bytesReceived) / out);
      before = after;
    }
    // 200–1999 bytes out and 3–10 times that back: 40 ticks all alike would be a broken dice
    expect(sent.size).toBeGreaterThan(5);
    expect(ratios.size).toBeGreaterThan(2);
  });

  it('closes idle connections past their timeout only', () => {
    const { clock, connections } = setup();
    const short = connections.open('alice', 'payroll.acme.example', 443, 60_000);
    connections.open('alice', 'git.acme.example', 443, null);
    const used = connections.open('bob', 'payroll.acme.example', 443, 60_000);
    clock.advance(30_000);
    connections.use(used.id);
    clock.advance(30_000);
    expect(connections.closeIdle('IDLE')).toEqual([]);
    clock.advance(1);
    const closed = connections.closeIdle('IDLE');
    expect(closed).toEqual([
      {
        ownerKey: 'alice',
        connection: expect.objectContaining({ id: short.id, state: 'closed', closedCode: 'IDLE' }),
      },
    ]);
    expect(connections.list('alice').map((c) => c.app)).toEqual(['git.acme.example']);
    expect(connections.list('bob')).toHaveLength(1);
  });

  it('closes one or all of an owner, each once, and logs every setup and close', () => {
    const { clock, connections } = setup();
    const a = connections.open('alice', 'git.acme.example', 443, null);
    const b = connections.open('alice', 'intranet.acme.example', 80, null);
    connections.open('bob', 'git.acme.example', 443, null);
    connections.setupFailed('alice', 'payroll.acme.example', 443, 'DENIED');
    clock.advance(1000);
    expect(connections.close(a.id, 'BY_CLIENT')).toMatchObject({
      id: a.id,
      state: 'closed',
      closedCode: 'BY_CLIENT',
    });
    expect(connections.close(a.id, 'BY_CLIENT')).toBeUndefined();
    expect(connections.closeAllOf('alice', 'GONE').map((c) => c.id)).toEqual([b.id]);
    expect(connections.closeAllOf('alice', 'GONE')).toEqual([]);
    expect(connections.list('bob')).toHaveLength(1);
    expect(connections.log.of('alice')).toEqual([
      {
        at: iso(T0),
        app: 'git.acme.example',
        port: 443,
        event: 'opened',
        code: CODES.OPEN_OR_ACTIVE_CONNECTION,
        connectionId: a.id,
      },
      {
        at: iso(T0),
        app: 'intranet.acme.example',
        port: 80,
        event: 'opened',
        code: CODES.OPEN_OR_ACTIVE_CONNECTION,
        connectionId: b.id,
      },
      {
        at: iso(T0),
        app: 'payroll.acme.example',
        port: 443,
        event: 'setup_failed',
        code: 'DENIED',
        connectionId: null,
      },
      {
        at: iso(T0 + 1000),
        app: 'git.acme.example',
        port: 443,
        event: 'closed',
        code: 'BY_CLIENT',
        connectionId: a.id,
      },
      {
        at: iso(T0 + 1000),
        app: 'intranet.acme.example',
        port: 80,
        event: 'closed',
        code: 'GONE',
        connectionId: b.id,
      },
    ]);
  });
});
