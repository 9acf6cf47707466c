import { useState } from 'react';
import type { DirectoryGroupView, DirectoryUserView } from '../api/views';
import { IdpPicker } from '../components/IdpPicker';
import { Badge, Table } from '../components/Table';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import { GroupMembers } from './directory/GroupMembers';
import { NewUserForm } from './directory/NewUserForm';
import type { ConsolePage } from './page';

/** Okta pushes groups only when told to (Push Groups); the others push assigned groups. */
const hasPushGroups = (vendor: string) => vendor === 'okta' || vendor === 'generic';

function Directory() {
  const { api, idp, run, announce } = useConsole();
  const id = idp?.id ?? null;
  const users = useLoad(id, () =>
    api.call('listDirectoryUsers', {
      params: { id: id! },
    }),
  );
  const groups = useLoad(id, () =>
    api.call('listDirectoryGroups', {
      params: { id: id! },
    }),
  );
  const [membersOf, setMembersOf] = useState<string | null>(null);
  const act = (done: string, action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      announce(done);
      users.reload();
      groups.reload();
    });
  if (!idp) return <IdpPicker />;
  const group = groups.data?.find((g) => g.id === membersOf);

  return (
    <>
      <IdpPicker />
      <h3>Users</h3>
      <Table<DirectoryUserView>
        label="Directory users"
        rows={users.data}
        rowKey={(u) => u.id}
        empty="No user in the directory."
        columns={[
          { header: 'Username', cell: (u) => u.userName },
          { header: 'Name', cell: (u) => u.displayName },
          { header: 'Department', cell: (u) => u.department ?? '—' },
          { header: 'Status', cell: (u) => <Badge on={u.active} yes={u.status} no={u.status} /> },
          { header: 'Groups', cell: (u) => u.groups.map((g) => g.name).join(', ') || '—' },
          {
            header: 'Assigned',
            cell: (u) =>
              u.assignment.inScope
                ? [
                    u.assignment.direct ? 'directly' : null,
                    ...u.assignment.viaGroups.map((g) => `via ${g.name}`),
                  ]
                    .filter(Boolean)
                    .join(', ')
                : 'no',
          },
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (u) => {
              const next = u.active ? 'deactivateDirectoryUser' : 'reactivateDirectoryUser';
              const verb = u.active ? 'Deactivate' : 'Reactivate';
              return (
                <button
                  type="button"
                  aria-label={`${verb} ${u.userName}`}
                  onClick={() =>
                    void act(`${verb}d ${u.userName}.`, () =>
                      api.call(next, { params: { id: idp.id, userId: u.id } }),
                    )
                  }
                >
                  {verb}
                </button>
              );
            },
          },
        ]}
      />
      <NewUserForm idpId={idp.id} onCreated={users.reload} />

      <h3>Groups</h3>
      <Table<DirectoryGroupView>
        label="Directory groups"
        rows={groups.data}
        rowKey={(g) => g.id}
        empty="No group in the directory."
        columns={[
          { header: 'Group', cell: (g) => g.name },
          { header: 'Members', cell: (g) => g.memberCount },
          { header: 'Assigned', cell: (g) => <Badge on={g.assigned} yes="Assigned" no="No" /> },
          ...(hasPushGroups(idp.vendor)
            ? [
                {
                  header: 'Push Groups',
                  cell: (g: DirectoryGroupView) => (
                    <Badge on={g.pushed} yes="Pushed" no="Not pushed" />
                  ),
                },
              ]
            : []),
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (g) => (
              <>
                <button
                  type="button"
                  aria-label={`Members of ${g.name}`}
                  onClick={() => setMembersOf(g.id)}
                >
                  Members
                </button>
                {hasPushGroups(idp.vendor) ? (
                  <button
                    type="button"
                    aria-label={g.pushed ? `Stop pushing ${g.name}` : `Push ${g.name}`}
                    onClick={() =>
                      void act(
                        g.pushed ? `Stopped pushing ${g.name}.` : `Pushing ${g.name}.`,
                        () =>
                          g.pushed
                            ? api.call('unpushGroup', {
                                params: { id: idp.id, groupId: g.id },
                                body: {},
                              })
                            : api.call('pushGroup', { params: { id: idp.id, groupId: g.id } }),
                      )
                    }
                  >
                    {g.pushed ? 'Stop pushing' : 'Push group'}
                  </button>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {group && users.data ? (
        <GroupMembers
          key={group.id}
          idpId={idp.id}
          group={group}
          users={users.data}
          onChanged={() => {
            users.reload();
            groups.reload();
          }}
          onClose={() => setMembersOf(null)}
        />
      ) : null}
    </>
  );
}

export const directoryPage: ConsolePage = {
  id: 'directory',
  title: 'Directory',
  description: "The IdP's own users and groups, and Okta's Push Groups.",
  Component: Directory,
};
