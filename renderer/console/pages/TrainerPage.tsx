/**
 * The trainer's live view of a workshop (`npm run cloud -- --attendees <n>`): one row per
 * attendee, pushed by the cloud (trainer/use-workshop-feed.ts), with actions for one attendee
 * (trainer/attendee-table.tsx) or for everyone (trainer/everyone-bar.tsx), the scenario step each
 * attendee is on and the next step to run (trainer/scenario-step.tsx), and each attendee's join
 * link as a QR code.
 */
import { useState } from 'react';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';
import { AttendeeTable } from './trainer/attendee-table';
import { EveryoneBar, type Act } from './trainer/everyone-bar';
import { ScenarioBar, type RunStep } from './trainer/scenario-step';
import { useWorkshopFeed } from './trainer/use-workshop-feed';

/** One line for the results that failed, e.g. "Attendee 2: tenant is closing." */
function failures(results: { attendee: number; ok: boolean; error?: { message: string } }[]) {
  const failed = results.filter((r) => !r.ok);
  return failed.length
    ? failed.map((r) => `Attendee ${r.attendee}: ${r.error?.message}`).join(' ')
    : null;
}

const whom = (targets: 'all' | number[]) =>
  targets === 'all' ? 'everyone' : `attendee ${targets.join(', ')}`;

function Trainer() {
  const { api, run, announce } = useConsole();
  const rows = useWorkshopFeed();
  const { data: attendees } = useLoad('attendees', () => api.call('listAttendees'));
  const { data: scenarios } = useLoad('scenarios', () => api.call('listScenarios'));
  const [picked, setPicked] = useState<string | null>(null);
  const scenario = picked ?? scenarios?.[0]?.id ?? '';

  const act: Act = (targets, action, what) =>
    run(async () => {
      const { results } = await api.call('workshopAction', {
        body: { attendees: targets, action },
      });
      const failed = failures(results);
      if (failed) throw new Error(failed);
      announce(`${what}: done for ${whom(targets)}.`);
    });

  const runStep: RunStep = (targets, reach) =>
    run(async () => {
      const { results } = await api.call('workshopScenarioStep', {
        body: { attendees: targets, scenario, reach },
      });
      const failed = failures(results);
      if (failed) throw new Error(failed);
      announce(
        `${scenario}: ${reach === 'step' ? 'next step' : 'the phase'} started for ${whom(targets)}.`,
      );
    });

  if (attendees && attendees.length === 0) {
    return (
      <p>
        This cloud runs no workshop. Start it with{' '}
        <code>npm run cloud -- --attendees &lt;n&gt;</code>.
      </p>
    );
  }
  return (
    <>
      <EveryoneBar act={act}>
        <ScenarioBar
          scenarios={scenarios}
          selected={scenario}
          select={setPicked}
          runStep={runStep}
        />
      </EveryoneBar>
      <AttendeeTable
        rows={rows ? [...rows.values()].sort((a, b) => a.attendee - b.attendee) : undefined}
        joinOf={(k) => attendees?.find((a) => a.attendee === k)}
        act={act}
        runStep={runStep}
        noScenario={!scenario}
      />
    </>
  );
}

export const trainerPage: ConsolePage = {
  id: 'trainer',
  title: 'Trainer',
  description:
    "A workshop's attendees, live: their connectors and what they see, and actions for one or all.",
  Component: Trainer,
};
