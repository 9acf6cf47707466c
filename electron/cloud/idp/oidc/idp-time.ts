import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../../clock/clock.js';

/**
 * Runs the bundled OIDC provider on the cloud's simulated clock.
 *
 * oidc-provider reads `Date.now()` for every iat, exp, auth_time and expiry check, and has no
 * clock option. Without this, after an admin fast-forwards the cloud by 48 hours, a freshly
 * minted ID token would already look expired to the cloud (which checks against the simulated
 * clock). So while code runs inside `inIdpTime(clock, fn)` (and everything asynchronous it
 * starts), `Date.now()` answers `clock.now()`; everywhere else it is untouched.
 */
const current = new AsyncLocalStorage<Clock>();
const realDateNow = Date.now;
let installed = false;
let reading = false;

function install(): void {
  if (installed) return;
  installed = true;
  Date.now = function now(): number {
    const clock = current.getStore();
    // `reading` stops the recursion when the clock itself is built on Date.now.
    if (!clock || reading) return realDateNow();
    reading = true;
    try {
      return clock.now();
    } finally {
      reading = false;
    }
  };
}

export function inIdpTime<T>(clock: Clock, fn: () => T): T {
  install();
  return current.run(clock, fn);
}
