/**
 * Open app connections as the broker's one-second tick reads them: by owner, and only the owners
 * whose traffic moved get stats (a workshop's idle connectors cost the tick nothing).
 */
import { describe, expect, it } from 'vitest';
import { AppConnections } from '../../../electron/cloud/broker/app-connections.js';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';

describe('app connections', () => {
  it("lists an owner's connections only, and forgets closed ones", () => {
    const c = new AppConnections(new SimulatedClock());
    const a = c.open('alice|laptop', 'git.acme.example', 443, null);
    c.open('alice|laptop', 'intranet.acme.example', 443, null);
    c.open('bob|laptop', 'git.acme.example', 443, null);
    expect(c.list('alice|laptop').map((x) => x.app)).toEqual([
      'git.acme.example',
      'intranet.acme.example',
    ]);
    c.close(a.id, 'closed');
    expect(c.list('alice|laptop').map((x) => x.app)).toEqual(['intranet.acme.example']);
    expect(c.closeAllOf('alice|laptop', 'closed')).toHaveLength(1);
    expect(c.list('alice|laptop')).toEqual([]);
    expect(c.list('bob|laptop')).toHaveLength(1);
  });

  it('reports the owners whose traffic moved: none once the minute after the last use is over', () => {
    const clock = new SimulatedClock();
    const c = new AppConnections(clock);
    const git = c.open('alice|laptop', 'git.acme.example', 443, null);
    c.open('bob|laptop', 'git.acme.example', 443, null);
    expect(c.trafficTick()).toEqual(new Set(['alice|laptop', 'bob|laptop']));
    clock.advance(61_000);
    expect(c.trafficTick()).toEqual(new Set());
    c.use(git.id);
    expect(c.trafficTick()).toEqual(new Set(['alice|laptop']));
  });
});
