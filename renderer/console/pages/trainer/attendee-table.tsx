/**
 * One row per attendee, narrow enough for a laptop: what the attendee's client shows (Client),
 * where the attendee is in the scenario (Scenario step), the tenant's switches and clock with the
 * button that changes each (Tenant), then the next scenario step, a reset and the join link. Every button's name says whose
 * it is ("Disable SCIM Sync for attendee 2"); the visible labels stay short.
 */
import { Fragment } from 'react';
import { Badge, Table } from '../../components/Table';
import { Facts } from '../../components/Facts';
import type { Act } from './everyone-bar';
import { JoinQr, type Attendee } from './join-qr';
import { ScenarioStepCell, type RunStep } from './scenario-step';
import type { AttendeeRow } from './use-workshop-feed';

type Switch = 'scimSync' | 'scimAttributesForPolicy';

function SwitchButton(p: { row: AttendeeRow; type: Switch; label: string; act: Act }) {
  const on = p.type === 'scimSync' ? p.row.scimSyncEnabled : p.row.scimAttributesForPolicy;
  const verb = on ? 'Disable' : 'Enable';
  return (
    <button
      type="button"
      className="small"
      aria-label={`${verb} ${p.label} for attendee ${p.row.attendee}`}
      onClick={() => void p.act([p.row.attendee], { type: p.type, enabled: !on }, p.label)}
    >
      {verb}
    </button>
  );
}

/** An error code that may wrap after its underscores (BRK_MT_SETUP_FAIL_…), not mid-word. */
const breakable = (code: string) =>
  code.split('_').map((part, i, all) => (
    <Fragment key={i}>
      {part}
      {i < all.length - 1 ? (
        <>
          _<wbr />
        </>
      ) : null}
    </Fragment>
  ));

const clientFacts = (r: AttendeeRow) => [
  { term: 'Connectors', value: r.connectors },
  { term: 'Service Status', value: r.serviceStatus },
  { term: 'Authentication Status', value: r.authenticationStatus },
  { term: 'Last error', value: r.lastErrorCode ? breakable(r.lastErrorCode) : '—' },
];

function tenantFacts(r: AttendeeRow, act: Act) {
  const toggle = (type: Switch, label: string) => (
    <SwitchButton row={r} type={type} label={label} act={act} />
  );
  return [
    {
      term: 'SCIM Sync',
      value: <Badge on={r.scimSyncEnabled} />,
      action: toggle('scimSync', 'SCIM Sync'),
    },
    {
      term: 'SCIM Attributes for Policy',
      value: <Badge on={r.scimAttributesForPolicy} />,
      action: toggle('scimAttributesForPolicy', 'SCIM Attributes for Policy'),
    },
    {
      term: 'Clock',
      value: `+${Math.round(r.clockOffsetMs / 60_000)} min`,
      action: (
        <button
          type="button"
          className="small"
          aria-label={`+8 hours for attendee ${r.attendee}`}
          onClick={() =>
            void act([r.attendee], { type: 'advanceClock', by: { hours: 8 } }, '+8 hours')
          }
        >
          +8 h
        </button>
      ),
    },
  ];
}

export function AttendeeTable(p: {
  rows: AttendeeRow[] | undefined;
  joinOf(attendee: number): Attendee | undefined;
  act: Act;
  runStep: RunStep;
  /** No scenario to step through yet (the library is loading). */
  noScenario: boolean;
}) {
  const { act, runStep } = p;
  return (
    <Table<AttendeeRow>
      label="Attendees"
      rows={p.rows}
      rowKey={(r) => String(r.attendee)}
      empty="No attendee."
      columns={[
        { header: 'Attendee', cell: (r) => r.attendee },
        { header: 'Client', cell: (r) => <Facts items={clientFacts(r)} /> },
        {
          header: 'Scenario step',
          className: 'trainer-step',
          cell: (r) => <ScenarioStepCell position={r.scenarioStep} />,
        },
        { header: 'Tenant', cell: (r) => <Facts items={tenantFacts(r, act)} /> },
        {
          header: 'Actions',
          cell: (r) => {
            const a = p.joinOf(r.attendee);
            return (
              <div className="row-actions">
                <button
                  type="button"
                  className="small"
                  disabled={p.noScenario}
                  aria-label={`Next scenario step for attendee ${r.attendee}`}
                  onClick={() => void runStep([r.attendee], 'step')}
                >
                  Next step
                </button>
                <button
                  type="button"
                  className="small"
                  aria-label={`Reset attendee ${r.attendee}`}
                  onClick={() => void act([r.attendee], { type: 'reset' }, 'Reset')}
                >
                  Reset
                </button>
                {a ? <JoinQr attendee={a} /> : null}
              </div>
            );
          },
        },
      ]}
    />
  );
}
