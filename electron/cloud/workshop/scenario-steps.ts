/**
 * The trainer's "run a scenario step": the next step of a library scenario (or the rest of its
 * phase) in each targeted attendee's own tenant, through that tenant's scenario stage
 * (scenarios/stage.ts) with the attendee's admin token, so it touches no other tenant. The
 * request answers once every step is started or refused; the steps run a few tenants at a time
 * (each signs users in with the real connector core) and show in the live view as they go.
 */
import type { z } from 'zod';
import type {
  workshopActionResult,
  workshopScenarioStepRequest,
} from '../../../shared/contract/cloud-api/workshop.js';
import { AdminError } from '../http/admin-error.js';
import { forEachAttendee } from './for-each-attendee.js';
import { findScenario } from '../scenarios/library/index.js';
import type { Slot } from '../scenarios/stage.js';
import type { AttendeeTenant } from './tenant.js';

type Request = z.output<typeof workshopScenarioStepRequest>;
type Result = z.output<typeof workshopActionResult>;

/** Tenants whose steps run at once; the others queue (and show "queued"). */
const PARALLEL_TENANTS = 4;

/** At most `n` pieces of work at a time; the rest wait in order. */
export function slots(n: number): Slot {
  let free = n;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, so a newcomer cannot take it in between.
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

export function scenarioStepper(tenants: readonly AttendeeTenant[]) {
  const slot = slots(PARALLEL_TENANTS);
  return (req: Request): Result => {
    if (!findScenario(req.scenario)) {
      throw new AdminError(404, 'not_found', `No scenario ${req.scenario}.`);
    }
    return forEachAttendee(tenants, req.attendees, (t) => {
      const run = t.cloud.context.scenarios.step(
        req.scenario,
        `Bearer ${t.adminToken}`,
        req.reach,
        slot,
      );
      // A step that fails shows as failed in the row; the run itself never rejects.
      run.catch((e: unknown) => console.error(`Attendee ${t.attendee}: ${(e as Error).message}`));
    });
  };
}
