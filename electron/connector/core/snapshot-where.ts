import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import type { ConnectorCore } from './connector-core.js';

/**
 * Resolves with the core's first snapshot (the current one included) that satisfies
 * `predicate`; after `timeoutMs`, rejects with the last snapshot, for the caller to describe.
 */
export function snapshotWhere(
  core: ConnectorCore,
  predicate: (s: ConnectorSnapshot) => boolean,
  timeoutMs: number,
): Promise<ConnectorSnapshot> {
  return new Promise((resolve, reject) => {
    const check = (s: ConnectorSnapshot) => {
      if (!predicate(s)) return;
      core.off('state', check);
      clearTimeout(timer);
      resolve(s);
    };
    const timer = setTimeout(() => {
      core.off('state', check);
      reject(core.snapshot());
    }, timeoutMs);
    core.on('state', check);
    check(core.snapshot());
  });
}
