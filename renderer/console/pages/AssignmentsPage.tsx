import { useState } from 'react';
import type { AssignmentsView } from '../api/views';
import { formatTime } from '../components/format';
import { IdpPicker } from '../components/IdpPicker';
import { Table } from '../components/Table';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';

type Assigned = AssignmentsView['users'][number];
type AssignedGroup = AssignmentsView['groups'][number];

/**
 * Who is assigned to the private-access application at the IdP: assign a user or a group,
 * unassign, and reassign (unassign then assign, the Okta fix for out-of-sync users once
 * PROVISION_OUT_OF_SYNC_USERS is on).
 */
function Assignments() {
  const { api, idp, run, announce } = useConsole();
  const id = idp?.id ?? null;
  const assignments = useLoad(id, () => api.call('listAssignments', { params: { id: id! } }));
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
  const [choice, setChoice] = useState('');
  if (!idp) return <IdpPicker />;

  const act = (done: string, action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      announce(done);
      assignments.reload();
      users.reload();
    });
  const unassign = (userId: string) => api.call('unassignUser', { params: { id: idp.id, userId } });
  const unassignGroup = (groupId: string) =>
    api.call('unassignGroup', { params: { id: idp.id, groupId } });
  const assignUser = (userId: string) =>
    api.call('assign', { params: { id: idp.id }, body: { userIds: [userId] } });
  const nameOf = (u: Assigned) => u.userName;
  const assignedUsers = new Set(assignments.data?.users.map((u) => u.id));
  const assignedGroups = new Set(assignments.data?.groups.map((g) => g.id));

  const assign = () => {
    const [kind, target] = choice.split(':') as ['user' | 'group', string];
    void act('Assigned.', async () => {
      await api.call('assign', {
        params: { id: idp.id },
        body: kind === 'user' ? { userIds: [target] } : { groupIds: [target] },
      });
      setChoice('');
    });
  };

  return (
    <>
      <IdpPicker />
      <p className="muted">
        {assignments.data
          ? `${assignments.data.inScopeCount} users in scope of the application.`
          : ''}
      </p>
      <div className="row">
        <label htmlFor="assign-choice">Assign</label>
        <select id="assign-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a user or a group</option>
          <optgroup label="Users">
            {users.data
              ?.filter((u) => !assignedUsers.has(u.id) && !u.deletedAt)
              .map((u) => (
                <option key={u.id} value={`user:${u.id}`}>
                  {u.userName}
                </option>
              ))}
          </optgroup>
          <optgroup label="Groups">
            {groups.data
              ?.filter((g) => !assignedGroups.has(g.id))
              .map((g) => (
                <option key={g.id} value={`group:${g.id}`}>
                  {g.name}
                </option>
              ))}
          </optgroup>
        </select>
        <button type="button" className="primary" disabled={!choice} onClick={assign}>
          Assign
        </button>
      </div>

      <Table<Assigned>
        label="Assigned users"
        rows={assignments.data?.users}
        rowKey={(u) => u.id}
        empty="No user assigned directly."
        columns={[
          { header: 'User', cell: nameOf },
          { header: 'Assigned', cell: (u) => formatTime(u.assignedAt) },
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (u) => (
              <>
                <button
                  type="button"
                  aria-label={`Unassign ${nameOf(u)}`}
                  onClick={() => void act(`Unassigned ${nameOf(u)}.`, () => unassign(u.id))}
                >
                  Unassign
                </button>
                <button
                  type="button"
                  aria-label={`Reassign ${nameOf(u)}`}
                  onClick={() =>
                    void act(`Reassigned ${nameOf(u)}.`, async () => {
                      await unassign(u.id);
                      await assignUser(u.id);
                    })
                  }
                >
                  Reassign
                </button>
              </>
            ),
          },
        ]}
      />
      <Table<AssignedGroup>
        label="Assigned groups"
        rows={assignments.data?.groups}
        rowKey={(g) => g.id}
        empty="No group assigned."
        columns={[
          { header: 'Group', cell: (g) => g.name },
          { header: 'Members', cell: (g) => g.memberCount },
          { header: 'Assigned', cell: (g) => formatTime(g.assignedAt) },
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (g) => (
              <>
                <button
                  type="button"
                  aria-label={`Unassign ${g.name}`}
                  onClick={() => void act(`Unassigned ${g.name}.`, () => unassignGroup(g.id))}
                >
                  Unassign
                </button>
                <button
                  type="button"
                  aria-label={`Reassign ${g.name}`}
                  onClick={() =>
                    void act(`Reassigned ${g.name}.`, async () => {
                      await unassignGroup(g.id);
                      await api.call('assign', {
                        params: { id: idp.id },
                        body: { groupIds: [g.id] },
                      });
                    })
                  }
                >
                  Reassign
                </button>
              </>
            ),
          },
        ]}
      />
    </>
  );
}

export const assignmentsPage: ConsolePage = {
  id: 'assignments',
  title: 'Assignments',
  description: 'Users and groups assigned to the private-access application at the IdP.',
  Component: Assignments,
};
