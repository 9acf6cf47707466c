/**
 * The trainer's actions on attendees' tenants: the seed's admin steps (Enabled for SCIM Sync,
 * SCIM Attributes for Policy), the clock and a reset, for one attendee, some, or all. Each tenant's own
 * services do the work, so the effects (reauth pushes, provisioning) are the usual ones.
 */
import type { z } from 'zod';
import type {
  workshopAction,
  workshopActionRequest,
  workshopActionResult,
} from '../../../shared/contract/cloud-api/workshop.js';
import type { AttendeeTenant } from './tenant.js';
import { forEachAttendee } from './for-each-attendee.js';
import { resetTenant } from '../scenarios/reset.js';

type Action = z.output<typeof workshopAction>;
type Request = z.output<typeof workshopActionRequest>;
type Result = z.output<typeof workshopActionResult>;

/** Runs one action in one tenant. */
function apply(t: AttendeeTenant, action: Action): void {
  const { idps, clock } = t.cloud;
  if (action.type === 'advanceClock') {
    clock.advance(action.by);
    return;
  }
  if (action.type === 'reset') {
    t.cloud.context.scenarios.endUnlessRunning();
    resetTenant(t.cloud.context);
    return;
  }
  const scope = action.idps;
  for (const idp of idps.list()) {
    if (scope !== 'all' && idp.protocol !== scope) continue;
    if (action.type === 'scimSync') idps.update(idp.id, { scimSyncEnabled: action.enabled });
    // SCIM Attributes for Policy needs SCIM Sync: enabling it enables both, as an admin would.
    else if (action.enabled)
      idps.update(idp.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
    else idps.update(idp.id, { scimAttributesForPolicy: false });
  }
}

/** Runs the action for every targeted attendee; one tenant's failure does not stop the others. */
export function runWorkshopAction(tenants: readonly AttendeeTenant[], req: Request): Result {
  return forEachAttendee(tenants, req.attendees, (t) => apply(t, req.action));
}
