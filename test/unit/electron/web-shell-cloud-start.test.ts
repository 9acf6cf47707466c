/**
 * When the web shell starts its bundled cloud (electron/web-shell/cloud-start.ts): after the
 * first window has its state, at once when no window is loading once the host is up, when
 * something needs it now, and after the grace period when a loading window never connects.
 * Once, whatever asks.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudStart } from '../../../electron/web-shell/cloud-start.js';

let starts: number;
let gate: CloudStart;
beforeEach(() => {
  vi.useFakeTimers();
  starts = 0;
  gate = new CloudStart(() => starts++, 2000);
});
afterEach(() => vi.useRealTimers());

describe('the bundled cloud start', () => {
  it('waits for a loading window: not when the host is up, but when the window has its state', () => {
    gate.windowLoading();
    gate.hostReady();
    vi.advanceTimersByTime(1999);
    expect(starts).toBe(0);
    gate.now();
    expect(starts).toBe(1);
  });

  it('starts when the host is up and no window is loading (a script, a browser launching)', () => {
    gate.hostReady();
    expect(starts).toBe(1);
    gate.windowLoading();
    gate.now();
    vi.advanceTimersByTime(5000);
    expect(starts).toBe(1);
  });

  it('starts after the grace period when a loading window never opens its bridge', () => {
    gate.windowLoading();
    gate.windowLoading(); // a reload does not extend the wait
    vi.advanceTimersByTime(1000);
    gate.windowLoading();
    vi.advanceTimersByTime(1000);
    expect(starts).toBe(1);
  });

  it('starts when something needs it before any window or host (a stored session)', () => {
    gate.now();
    expect(starts).toBe(1);
    gate.hostReady();
    expect(starts).toBe(1);
  });
});
