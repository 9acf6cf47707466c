import type { IdpView, ProvisioningObjectView, ProvisioningStatusView } from '../../api/views';
import { formatTime, shown } from '../../components/format';
import { Table } from '../../components/Table';
import { useConsole } from '../../context';

const STATE_TONE: Record<string, string> = {
  provisioned: 'badge on',
  out_of_sync: 'badge warn',
  failed: 'badge bad',
};

const COUNTED = [
  'provisioned',
  'out_of_sync',
  'failed',
  'pending',
  'not_provisioned',
  'deprovisioned',
] as const;
const words = (state: string) => state.replace(/_/g, ' ');

/**
 * What the IdP has pushed: counts, each user and group with its state and last message,
 * Provision User (provision on demand) per user, and Restart provisioning (a full cycle).
 */
export function ProvisioningStatusSection({
  idp,
  status,
  onChanged,
}: {
  idp: IdpView;
  status: ProvisioningStatusView;
  onChanged(): void;
}) {
  const { api, run, announce } = useConsole();
  const act = (done: string, action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      announce(done);
      onChanged();
    });

  const objectTable = (label: string, rows: ProvisioningObjectView[], users: boolean) => (
    <Table<ProvisioningObjectView>
      label={label}
      rows={rows}
      rowKey={(o) => o.id}
      empty={`No ${users ? 'user' : 'group'} in scope.`}
      columns={[
        { header: users ? 'User' : 'Group', cell: (o) => o.name },
        {
          header: 'State',
          cell: (o) => <span className={STATE_TONE[o.state] ?? 'badge'}>{words(o.state)}</span>,
        },
        { header: 'Message', cell: (o) => shown(o.message) },
        { header: 'Updated', cell: (o) => formatTime(o.updatedAt) },
        ...(users
          ? [
              {
                header: 'Actions',
                hidden: true,
                className: 'actions',
                cell: (o: ProvisioningObjectView) => (
                  <button
                    type="button"
                    aria-label={`Provision User ${o.name}`}
                    onClick={() =>
                      void act(`Provisioned ${o.name}.`, () =>
                        api.call('provisionUser', { params: { id: idp.id, userId: o.id } }),
                      )
                    }
                  >
                    Provision User
                  </button>
                ),
              },
            ]
          : []),
      ]}
    />
  );

  return (
    <section className="card" aria-labelledby="status-title">
      <div className="row between">
        <h3 id="status-title">Provisioning status</h3>
        <div className="row">
          <button type="button" onClick={onChanged}>
            Refresh provisioning
          </button>
          <button
            type="button"
            disabled={!status.enabled}
            onClick={() =>
              void act('Provisioning restarted (a full cycle).', () =>
                api.call('restartProvisioning', { params: { id: idp.id } }),
              )
            }
          >
            Restart provisioning
          </button>
        </div>
      </div>
      <p className="muted small">
        Provisioning {status.enabled ? 'enabled' : 'disabled'} at the IdP
        {status.configured ? '' : ' (no SCIM endpoint and token configured)'}
        {status.enabledAt ? `, since ${formatTime(status.enabledAt)}` : ''}; {status.queued} queued.
      </p>
      <dl className="counts" aria-label="Provisioning counts">
        {COUNTED.map((state) => (
          <div key={state}>
            <dt>{words(state)}</dt>
            <dd>{status.counts.users[state]}</dd>
          </div>
        ))}
      </dl>
      {objectTable('Provisioned users', status.users, true)}
      {objectTable('Provisioned groups', status.groups, false)}
      {status.vendorState ? (
        <details>
          <summary>Vendor state</summary>
          <pre>{JSON.stringify(status.vendorState, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
