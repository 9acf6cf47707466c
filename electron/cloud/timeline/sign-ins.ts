import { SCIM_INACTIVE } from '../../../shared/errors/session-codes.js';
import type { Store } from '../store/types.js';
import { inWindow, type TimelineItem, type TimelineQuery } from './types.js';

const SCIM_REFUSALS: Record<string, string> = {
  absent: 'not in the SCIM database (not synced): app access refused',
  inactive: 'deactivated in the SCIM database: app access refused',
};

/**
 * The IdP lane's sign-ins: every connector session of the user, with the result of its
 * validation (the SCIM check made at sign-in), and when it ended. Refused sign-ins are recorded
 * by the recorder (recorded.ts reads them).
 */
export function signInEvents(store: Store, q: TimelineQuery): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const idpId of q.idpIds) {
    const idpName = store.idps.get(idpId)?.config.name ?? idpId;
    for (const s of store.auth.sessionsOfUser(idpId, q.userName)) {
      const doc = s.doc as { protocol?: string; scimStatus?: string };
      const refusal = SCIM_REFUSALS[doc.scimStatus ?? ''];
      const how = `${(doc.protocol ?? '').toUpperCase()} at ${idpName}`.trim();
      if (inWindow(q, s.createdAt)) {
        out.push({
          at: s.createdAt,
          source: 'idp',
          code: refusal ? SCIM_INACTIVE : null,
          text: refusal
            ? `Signed in with ${how}; session validated: ${refusal}`
            : `Signed in with ${how}; session validated (device ${s.deviceId})`,
          error: refusal !== undefined,
        });
      }
      if (s.revokedAt !== null && inWindow(q, s.revokedAt)) {
        out.push({
          at: s.revokedAt,
          source: 'idp',
          code: null,
          text: `Session ended (signed out, revoked or replaced) on device ${s.deviceId}`,
          error: false,
        });
      }
    }
  }
  return out;
}
