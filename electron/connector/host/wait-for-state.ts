import type { EventEmitter } from 'node:events';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';

/** Resolves once the core's snapshot satisfies `done` (or after `timeoutMs`). */
export function waitForState(
  core: EventEmitter & { snapshot(): ConnectorSnapshot },
  done: (s: ConnectorSnapshot) => boolean,
  timeoutMs: number,
): Promise<ConnectorSnapshot> {
  return new Promise((resolve) => {
    const check = (s: ConnectorSnapshot) => {
      if (!done(s)) return;
      finish(s);
    };
    const finish = (s: ConnectorSnapshot) => {
      clearTimeout(timer);
      core.off('state', check);
      resolve(s);
    };
    const timer = setTimeout(() => finish(core.snapshot()), timeoutMs);
    core.on('state', check);
    check(core.snapshot());
  });
}
