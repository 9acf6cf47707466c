/**
 * What each vendor's SCIM client sends for one directory object (domain.md §3): reconcile the
 * object's push record with the directory, over HTTP, and record the outcome. Okta calls these
 * when an event queued the object; Entra and PingFederate for the objects of a cycle or poll.
 */
export { HARD_DELETE_AFTER_MS, type Pusher } from './vendors/common.js';
export { entraPusher } from './vendors/entra.js';
export { oktaPusher } from './vendors/okta.js';
export { pingPusher } from './vendors/ping.js';
export { planCycle } from './vendors/cycle.js';
