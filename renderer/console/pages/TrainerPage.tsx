/**
 * The trainer's live view of a workshop (`npm run cloud -- --attendees <n>`): one row per
 * attendee, pushed by the cloud (Server-Sent Events, GET /api/admin/workshop/events: a snapshot,
 * then each row that changed; no polling), with actions for one attendee or for everyone, the
 * scenario step each attendee is on and the next step to run (trainer/scenario-step.tsx), and
 * each attendee's join link as a QR code.
 */
import { useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type {
  attendeeStatus,
  attendeeView,
  workshopAction,
  workshopFeedMessage,
} from '../../../shared/contract/cloud-api/workshop.js';
import { cloudBasePath } from '../api/client';
import { adminToken } from '../api/token';
import { Badge, Table } from '../components/Table';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';
import { ScenarioBar, ScenarioStepCell, type RunStep } from './trainer/scenario-step';

type Row = z.output<typeof attendeeStatus>;
type Attendee = z.output<typeof attendeeView>;
type Action = z.input<typeof workshopAction>;
type FeedMessage = z.output<typeof workshopFeedMessage>;

/** Follows the live feed: the rows by attendee, or null while there is no feed (no workshop). */
function useWorkshopFeed(): Map<number, Row> | null {
  const [rows, setRows] = useState<Map<number, Row> | null>(null);
  const onMessage = useEffectEvent((m: FeedMessage) =>
    setRows((prev) =>
      m.type === 'snapshot'
        ? new Map(m.attendees.map((r) => [r.attendee, r]))
        : new Map(prev ?? []).set(m.status.attendee, m.status),
    ),
  );
  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      const res = await fetch(`${cloudBasePath()}/api/admin/workshop/events`, {
        headers: { authorization: `Bearer ${adminToken.get() ?? ''}` },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (!res.ok || !res.body) return;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data) onMessage(JSON.parse(data) as FeedMessage);
        }
      }
    })().catch(() => undefined);
    return () => abort.abort();
  }, []);
  return rows;
}

/** The attendee's join link as a QR code picture (an SVG from the cloud, as a data: URL). */
function JoinQr({ attendee }: { attendee: Attendee }) {
  const [src, setSrc] = useState<string | null>(null);
  const show = async () => {
    const res = await fetch(`${cloudBasePath()}/api/admin/attendees/${attendee.attendee}/qr`, {
      headers: { authorization: `Bearer ${adminToken.get() ?? ''}` },
      cache: 'no-store',
    });
    if (res.ok) setSrc(`data:image/svg+xml,${encodeURIComponent(await res.text())}`);
  };
  if (src) {
    return (
      <a href={attendee.joinUrl}>
        <img
          src={src}
          width={120}
          height={120}
          alt={`QR code of attendee ${attendee.attendee}'s join link`}
        />
      </a>
    );
  }
  return (
    <button
      type="button"
      className="link"
      aria-label={`QR code for attendee ${attendee.attendee}`}
      onClick={() => void show()}
    >
      QR code
    </button>
  );
}

type Act = (targets: 'all' | number[], action: Action, what: string) => Promise<boolean>;

/** The actions for every attendee at once. */
function EveryoneBar({ act, children }: { act: Act; children: ReactNode }) {
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
      const failed = results.filter((r) => !r.ok);
      if (failed.length) {
        throw new Error(failed.map((r) => `Attendee ${r.attendee}: ${r.error?.message}`).join(' '));
      }
      announce(
        `${what}: done for ${targets === 'all' ? 'everyone' : `attendee ${targets.join(', ')}`}.`,
      );
    });

  const runStep: RunStep = (targets, reach) =>
    run(async () => {
      const { results } = await api.call('workshopScenarioStep', {
        body: { attendees: targets, scenario, reach },
      });
      const refused = results.filter((r) => !r.ok);
      if (refused.length) {
        throw new Error(
          refused.map((r) => `Attendee ${r.attendee}: ${r.error?.message}`).join(' '),
        );
      }
      const who = targets === 'all' ? 'everyone' : `attendee ${targets.join(', ')}`;
      announce(`${scenario}: ${reach === 'step' ? 'next step' : 'the phase'} started for ${who}.`);
    });

  if (attendees && attendees.length === 0) {
    return (
      <p>
        This cloud runs no workshop. Start it with{' '}
        <code>npm run cloud -- --attendees &lt;n&gt;</code>.
      </p>
    );
  }
  const list = rows ? [...rows.values()].sort((a, b) => a.attendee - b.attendee) : undefined;
  const joinOf = (k: number) => attendees?.find((a) => a.attendee === k);
  const toggle = (
    r: Row,
    type: 'scimSync' | 'scimAttributesForPolicy',
    on: boolean,
    label: string,
  ) => (
    <button
      type="button"
      aria-label={`${on ? 'Disable' : 'Enable'} ${label} for attendee ${r.attendee}`}
      onClick={() => void act([r.attendee], { type, enabled: !on }, label)}
    >
      {on ? 'Disable' : 'Enable'} {label}
    </button>
  );

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
      <Table<Row>
        label="Attendees"
        rows={list}
        rowKey={(r) => String(r.attendee)}
        empty="No attendee."
        columns={[
          { header: 'Attendee', cell: (r) => r.attendee },
          { header: 'Connectors', cell: (r) => r.connectors },
          { header: 'Service Status', cell: (r) => r.serviceStatus },
          { header: 'Authentication Status', cell: (r) => r.authenticationStatus },
          {
            header: 'Scenario step',
            className: 'trainer-step',
            cell: (r) => <ScenarioStepCell position={r.scenarioStep} />,
          },
          { header: 'Last error', cell: (r) => r.lastErrorCode ?? '—' },
          { header: 'SCIM Sync', cell: (r) => <Badge on={r.scimSyncEnabled} /> },
          {
            header: 'SCIM Attributes for Policy',
            cell: (r) => <Badge on={r.scimAttributesForPolicy} />,
          },
          { header: 'Clock', cell: (r) => `+${Math.round(r.clockOffsetMs / 60_000)} min` },
          {
            header: 'Actions',
            hidden: true,
            className: 'trainer-actions',
            // Short visible labels keep rows low; each button's name says whose it is.
            cell: (r) => (
              <div className="row-actions">
                <button
                  type="button"
                  disabled={!scenario}
                  aria-label={`Next scenario step for attendee ${r.attendee}`}
                  onClick={() => void runStep([r.attendee], 'step')}
                >
                  Next scenario step
                </button>
                {toggle(r, 'scimSync', r.scimSyncEnabled, 'SCIM Sync')}
                {toggle(
                  r,
                  'scimAttributesForPolicy',
                  r.scimAttributesForPolicy,
                  'SCIM Attributes for Policy',
                )}
                <button
                  type="button"
                  aria-label={`+8 hours for attendee ${r.attendee}`}
                  onClick={() =>
                    void act([r.attendee], { type: 'advanceClock', by: { hours: 8 } }, '+8 hours')
                  }
                >
                  +8 hours
                </button>
                <button
                  type="button"
                  aria-label={`Reset attendee ${r.attendee}`}
                  onClick={() => void act([r.attendee], { type: 'reset' }, 'Reset')}
                >
                  Reset
                </button>
              </div>
            ),
          },
          {
            header: 'Join',
            cell: (r) => {
              const a = joinOf(r.attendee);
              return a ? <JoinQr attendee={a} /> : null;
            },
          },
        ]}
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
