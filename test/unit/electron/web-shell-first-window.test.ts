/**
 * What waits for the web shell's first window (electron/web-shell/first-window.ts: the connector
 * service's modules and the bundled cloud): they start once the first window has had its state
 * for the time a paint takes, at once when no window is loading a while after the server
 * listens, when something needs them now, and after the grace period when a loading window
 * never connects. Once, whatever asks.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AfterFirstWindow } from '../../../electron/web-shell/first-window.js';

let starts: number;
let gate: AfterFirstWindow;
beforeEach(() => {
  vi.useFakeTimers();
  starts = 0;
  gate = new AfterFirstWindow(() => starts++, { noWindowMs: 300, paintMs: 100, graceMs: 2000 });
});
afterEach(() => vi.useRealTimers());

describe('what waits for the first window', () => {
  it('waits for a loading window: not when no-window time is up, but when it has painted', () => {
    gate.listening();
    vi.advanceTimersByTime(100);
    gate.windowLoading();
    vi.advanceTimersByTime(1000);
    expect(starts).toBe(0);
    gate.windowHasState();
    vi.advanceTimersByTime(99);
    gate.windowHasState(); // a second window does not push it back
    expect(starts).toBe(0);
    vi.advanceTimersByTime(1);
    expect(starts).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(starts).toBe(1);
  });

  it('starts when no window is loading a while after listening (a script, a browser launching)', () => {
    gate.listening();
    vi.advanceTimersByTime(299);
    expect(starts).toBe(0);
    vi.advanceTimersByTime(1);
    expect(starts).toBe(1);
    gate.windowLoading();
    gate.now();
    vi.advanceTimersByTime(5000);
    expect(starts).toBe(1);
  });

  it('starts after the grace period when a loading window never opens its bridge', () => {
    gate.listening();
    gate.windowLoading();
    gate.windowLoading(); // a reload does not extend the wait
    vi.advanceTimersByTime(1000);
    gate.windowLoading();
    vi.advanceTimersByTime(999);
    expect(starts).toBe(0);
    vi.advanceTimersByTime(1);
    expect(starts).toBe(1);
  });

  it('starts when something needs it before any window (a stored session)', () => {
    gate.now();
    expect(starts).toBe(1);
    gate.listening();
    gate.windowLoading();
    vi.advanceTimersByTime(5000);
    expect(starts).toBe(1);
  });
});
