import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit.js';
import { isoTime } from '../clock/clock.js';
import type { IdpService } from '../idp-config/idp-service.js';
import type { Store } from '../store/types.js';
import { configChangeEvents } from './config-changes.js';
import { provisioningEvents } from './provisioning-pushes.js';
import { recordedEvents } from './recorded.js';
import { scimRequestEvents } from './scim-requests.js';
import { signInEvents } from './sign-ins.js';
import { idpsOfUser } from './user-idps.js';
import type { TimelineItem, TimelineQuery } from './types.js';

const COLLECTORS: readonly ((store: Store, q: TimelineQuery) => TimelineItem[])[] = [
  signInEvents,
  provisioningEvents,
  scimRequestEvents,
  configChangeEvents,
  recordedEvents,
];

/**
 * A user's timeline: every source's events about the user (and about their IdPs and the
 * tenant), merged in time order on the simulated clock. A user the cloud does not know has an
 * empty one.
 */
export function userTimeline(
  deps: { store: Store; idps: IdpService },
  userName: string,
  window: { since?: number; until?: number } = {},
): TimelineEvent[] {
  const idpIds = idpsOfUser(deps.store, deps.idps, userName);
  if (idpIds === null) return [];
  const q: TimelineQuery = {
    userName,
    idpIds,
    since: window.since ?? 0,
    until: window.until ?? Number.MAX_SAFE_INTEGER,
  };
  // A stable sort: events at the same instant keep their sources' order (cause before effect).
  return COLLECTORS.flatMap((collect) => collect(deps.store, q))
    .sort((a, b) => a.at - b.at)
    .map((e) => ({ ...e, at: isoTime(e.at) }));
}
