/**
 * What every trainer action shares: the attendees it targets (a list, or "all"; an unknown one
 * refuses the whole request with 404), and one result per attendee, where one tenant's failure
 * is its own row and does not stop the others.
 */
import type { z } from 'zod';
import type { workshopActionResult } from '../../../shared/contract/cloud-api/workshop.js';
import { AdminError } from '../http/admin-error.js';
import { toAdminError } from '../http/admin-scope.js';
import type { AttendeeTenant } from './tenant.js';

type Result = z.output<typeof workshopActionResult>;

export function forEachAttendee(
  tenants: readonly AttendeeTenant[],
  attendees: readonly number[] | 'all',
  act: (tenant: AttendeeTenant) => void,
): Result {
  const byNumber = new Map(tenants.map((t) => [t.attendee, t]));
  const targets = attendees === 'all' ? tenants.map((t) => t.attendee) : attendees;
  const missing = targets.filter((k) => !byNumber.has(k));
  if (missing.length) {
    throw new AdminError(404, 'not_found', `No attendee ${missing.join(', ')} in this workshop.`);
  }
  return {
    results: targets.map((k) => {
      try {
        act(byNumber.get(k)!);
        return { attendee: k, ok: true };
      } catch (e) {
        const err = toAdminError(e);
        return { attendee: k, ok: false, error: { code: err.code, message: err.message } };
      }
    }),
  };
}
