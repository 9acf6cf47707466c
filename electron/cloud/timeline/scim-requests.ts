import type { ScimSyncLogEntry } from '../../../shared/model/scim-sync-log.js';
import type { Store } from '../store/types.js';
import { MAX_EVENTS_PER_SOURCE, sameUser, type TimelineItem, type TimelineQuery } from './types.js';

/**
 * The SCIM lane: the requests the IdPs sent to the cloud's SCIM endpoints about the user (from
 * the SCIM sync log), by userName or by the user's SCIM id.
 */
export function scimRequestEvents(store: Store, q: TimelineQuery): TimelineItem[] {
  const seen = new Map<number, ScimSyncLogEntry>();
  for (const idpId of q.idpIds) {
    const window = {
      idpId,
      since: q.since,
      until: q.until,
      limit: MAX_EVENTS_PER_SOURCE,
      offset: 0,
    };
    const byName = store.syncLog.query({ ...window, entityName: q.userName }).entries;
    for (const e of byName) if (sameUser(e.entityName, q.userName)) seen.set(e.seq, e);
    for (const user of store.scim.findByName('User', idpId, q.userName)) {
      const byId = store.syncLog.query({ ...window, internalEntityId: user.id }).entries;
      for (const e of byId) seen.set(e.seq, e);
    }
  }
  return [...seen.values()].map((e) => ({
    at: Date.parse(e.at),
    source: 'scim' as const,
    code: e.scimType,
    text: `${e.method} ${e.path} → ${e.status}${e.detail ? `: ${e.detail}` : ''}`.slice(0, 300),
    error: e.status >= 400,
  }));
}
