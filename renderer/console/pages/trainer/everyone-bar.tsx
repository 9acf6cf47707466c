/** The trainer's actions for every attendee at once (the scenario bar comes in as children). */
import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { workshopAction } from '../../../../shared/contract/cloud-api/workshop.js';

export type Action = z.input<typeof workshopAction>;
/** Runs a trainer's action for these attendees; `what` names it in the announcement. */
export type Act = (targets: 'all' | number[], action: Action, what: string) => Promise<boolean>;

export function EveryoneBar({ act, children }: { act: Act; children: ReactNode }) {
  return (
    <section aria-label="Everyone">
      <h3>Everyone</h3>
      {children}
      <div className="actions">
        <button
          type="button"
          onClick={() => void act('all', { type: 'scimSync', enabled: true }, 'SCIM Sync on')}
        >
          Enable SCIM Sync for everyone
        </button>
        <button
          type="button"
          onClick={() =>
            void act(
              'all',
              { type: 'scimAttributesForPolicy', enabled: true },
              'SCIM Attributes for Policy on',
            )
          }
        >
          Enable SCIM Attributes for Policy for everyone
        </button>
        <button
          type="button"
          onClick={() => void act('all', { type: 'advanceClock', by: { hours: 8 } }, '+8 hours')}
        >
          +8 hours for everyone
        </button>
        <button type="button" onClick={() => void act('all', { type: 'reset' }, 'Reset')}>
          Reset every tenant
        </button>
      </div>
    </section>
  );
}
