import type { ProvisioningLogEntry } from '../store/provisioning-types.js';
import type { Store } from '../store/types.js';
import { MAX_EVENTS_PER_SOURCE, inWindow, type TimelineItem, type TimelineQuery } from './types.js';

/** Push-client events that mean something went wrong for the users of that IdP. */
const FAILURE_EVENTS = new Set([
  'out-of-sync',
  'quarantine',
  'internal-error',
  'provisioning-disabled',
]);

/**
 * The IdP lane's provisioning: what each IdP's SCIM push client did about the user (its push
 * log), the IdP-wide events (cycles, quarantine, out of sync), and the user's push state now.
 */
export function provisioningEvents(store: Store, q: TimelineQuery): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const idpId of q.idpIds) {
    const idpName = store.idps.get(idpId)?.config.name ?? idpId;
    const log = (query: { objectId?: string; kind?: 'event' }) =>
      store.provisioning
        .log(idpId, { limit: MAX_EVENTS_PER_SOURCE, offset: 0, since: q.since, ...query })
        .entries.filter((e) => inWindow(q, e.at));
    const user = store.directory.userByName(idpId, q.userName);
    const own = user ? log({ objectId: user.id }) : [];
    const idpWide = log({ kind: 'event' }).filter((e) => e.objectId === null);
    for (const e of [...own, ...idpWide]) out.push(pushLogItem(idpName, e));
    const state = user ? store.provisioning.object(idpId, 'user', user.id) : undefined;
    if (state && inWindow(q, state.since) && state.state !== 'provisioned') {
      out.push({
        at: state.since,
        source: 'idp',
        code: null,
        text: `${idpName}: ${q.userName} is ${state.state.replace(/_/g, ' ')}${state.message ? `: ${state.message}` : ''}`.slice(
          0,
          300,
        ),
        error: state.state === 'out_of_sync' || state.state === 'failed',
      });
    }
  }
  return out;
}

function pushLogItem(idpName: string, e: ProvisioningLogEntry): TimelineItem {
  if (e.kind === 'event') {
    return {
      at: e.at,
      source: 'idp',
      code: null,
      text: `${idpName} provisioning: ${e.operation}${e.detail ? `: ${e.detail}` : ''}`.slice(
        0,
        300,
      ),
      error: FAILURE_EVENTS.has(e.operation),
    };
  }
  const failed = e.status === 0 || (e.status ?? 0) >= 400;
  const answer = e.status === 0 ? 'no response' : String(e.status);
  return {
    at: e.at,
    source: 'idp',
    code: e.scimType,
    text: `${idpName} pushed ${e.operation} ${e.name ?? ''}: ${e.method} ${e.path} → ${answer}${failed && e.detail ? ` (${e.detail})` : ''}`.slice(
      0,
      300,
    ),
    error: failed,
  };
}
