import type { ScimGroupView, ScimUserView } from '../api/views';
import { formatTime, shown } from '../components/format';
import { IdpPicker } from '../components/IdpPicker';
import { ScimListSection } from '../components/ScimListSection';
import { Badge } from '../components/Table';
import { useConsole } from '../context';
import type { ConsolePage } from './page';

function ScimResources() {
  const { api } = useConsole();
  return (
    <>
      <IdpPicker />
      <ScimListSection<ScimUserView>
        title="SCIM users"
        example='userName sw "alice"'
        load={(id, query) =>
          api.call('listScimUsers', {
            params: { id },
            query,
          })
        }
        columns={[
          { header: 'userName', cell: (u) => u.userName },
          { header: 'Active', cell: (u) => <Badge on={u.active !== false} yes="Yes" no="No" /> },
          { header: 'ID', cell: (u) => u.id, className: 'mono' },
          { header: 'External ID', cell: (u) => shown(u.externalId), className: 'mono' },
          { header: 'Last modified', cell: (u) => formatTime(u.meta?.lastModified) },
        ]}
      />
      <ScimListSection<ScimGroupView>
        title="SCIM groups"
        example='displayName eq "Finance"'
        load={(id, query) =>
          api.call('listScimGroups', {
            params: { id },
            query,
          })
        }
        columns={[
          { header: 'displayName', cell: (g) => g.displayName },
          {
            header: 'Members',
            cell: (g) => g.members?.map((m) => m.display ?? m.value).join(', ') || '—',
          },
          { header: 'ID', cell: (g) => g.id, className: 'mono' },
          { header: 'External ID', cell: (g) => shown(g.externalId), className: 'mono' },
          { header: 'Last modified', cell: (g) => formatTime(g.meta?.lastModified) },
        ]}
      />
    </>
  );
}

export const scimResourcesPage: ConsolePage = {
  id: 'scim',
  title: 'SCIM Users and Groups',
  description: "What the IdP has pushed to this cloud's SCIM service, as SCIM returns it.",
  Component: ScimResources,
};
