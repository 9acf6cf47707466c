/**
 * What each vendor's SCIM client sends for one directory object (domain.md §3): reconcile the
 * object's push record with the directory, over HTTP, and record the outcome. Okta calls these
 * when an event queued the object; Entra and PingFederate for the objects of a cycle or poll.
 */
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { Pusher } from './vendors/common.js';
import { entraPusher } from './vendors/entra.js';
import { oktaPusher } from './vendors/okta.js';
import { pingPusher } from './vendors/ping.js';

export { HARD_DELETE_AFTER_MS, type Pusher } from './vendors/common.js';
export { planCycle } from './vendors/cycle.js';

export const pusherOf = (vendor: IdpVendor): Pusher =>
  vendor === 'entra' ? entraPusher : vendor === 'ping' ? pingPusher : oktaPusher;
