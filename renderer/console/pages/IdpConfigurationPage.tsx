import { useState } from 'react';
import type { IdpView } from '../api/views';
import { Badge, Table } from '../components/Table';
import { useConsole } from '../context';
import type { ConsolePage } from './page';
import { IdpEditPanel } from './idp-configuration/IdpEditPanel';

function IdpConfiguration() {
  const { idps, idp: selected, selectIdp } = useConsole();
  const [editing, setEditing] = useState<string | null>(null);
  const idp = idps.find((i) => i.id === editing) ?? null;

  const close = () => {
    const name = idp?.name;
    setEditing(null);
    // Back to the row's Edit button, so the keyboard stays where the admin was.
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`button[aria-label="Edit ${name}"]`)?.focus(),
    );
  };

  return (
    <>
      <Table<IdpView>
        label="IdP configurations"
        rows={idps}
        rowKey={(i) => i.id}
        empty="No IdP configured."
        rowProps={(i) =>
          i.id === selected?.id ? { className: 'selected', 'aria-current': 'true' } : {}
        }
        columns={[
          { header: 'Name', cell: (i) => i.name },
          { header: 'SSO', cell: (i) => i.protocol.toUpperCase() },
          { header: 'Vendor', cell: (i) => i.vendor },
          { header: 'SCIM Sync', cell: (i) => <Badge on={i.scimSyncEnabled} /> },
          {
            header: 'SCIM Attributes for Policy',
            cell: (i) => <Badge on={i.scimAttributesForPolicy} />,
          },
          {
            header: 'SCIM token',
            cell: (i) => <Badge on={i.scimTokenSet} yes="Set" no="Not set" />,
          },
          {
            header: 'Actions',
            hidden: true,
            cell: (i) => (
              <button
                type="button"
                aria-label={`Edit ${i.name}`}
                onClick={() => {
                  selectIdp(i.id);
                  setEditing(i.id);
                }}
              >
                Edit
              </button>
            ),
          },
        ]}
      />
      {idp ? <IdpEditPanel key={idp.id} idp={idp} onClose={close} /> : null}
    </>
  );
}

export const idpConfigurationPage: ConsolePage = {
  id: 'idps',
  title: 'IdP Configuration',
  description: 'Administration > Identity > Private Access > IdP Configuration',
  Component: IdpConfiguration,
};
