import { useSyncExternalStore } from 'react';

/**
 * One shared one-second clock for live figures (Time Connected, countdowns): it only runs while
 * some component shows one.
 */
const listeners = new Set<() => void>();
let current = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    // The first subscriber: nobody shows a stale time yet. Later subscribers share the tick,
    // so every live figure on screen shows the same second.
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of [...listeners]) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getSnapshot = () => current;

/** The current time (epoch ms), re-rendering every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
