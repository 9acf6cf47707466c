import type { Store } from '../store/types.js';
import { inWindow, type TimelineItem, type TimelineQuery } from './types.js';

/** Values short enough to say in one line; others (and secrets) are only named. */
function say(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string' && v.length <= 40) return v;
  return '…';
}

/**
 * The config lane's IdP part: every change of the user's IdPs (SCIM Sync, Generate New Token,
 * SCIM Attributes for Policy, enabled, certificates...) from the IdP change history. Policy and
 * certificate changes are recorded by the recorder.
 */
export function configChangeEvents(store: Store, q: TimelineQuery): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const idpId of q.idpIds) {
    const idpName = store.idps.get(idpId)?.config.name ?? idpId;
    for (const c of store.idps.changes(idpId)) {
      const at = Date.parse(c.at);
      if (!inWindow(q, at)) continue;
      const text =
        c.field === 'created' || c.field === 'deleted'
          ? `IdP ${idpName} ${c.field}`
          : c.field === 'scimToken'
            ? `${idpName}: SCIM token regenerated (the old one stops working at once)`
            : `${idpName}: ${c.field} ${say(c.from)} → ${say(c.to)}`;
      out.push({ at, source: 'config', code: null, text, error: false });
    }
  }
  return out;
}
