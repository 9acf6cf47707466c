import { useState } from 'react';
import type { DirectoryGroupView, DirectoryUserView } from '../../api/views';
import { Table } from '../../components/Table';
import { useConsole } from '../../context';
import { useLoad } from '../../use-load';

/** One group's members: remove one, add a directory user. */
export function GroupMembers({
  idpId,
  group,
  users,
  onChanged,
  onClose,
}: {
  idpId: string;
  group: DirectoryGroupView;
  users: DirectoryUserView[];
  onChanged(): void;
  onClose(): void;
}) {
  const { api, run, announce } = useConsole();
  const { data, reload } = useLoad(`${idpId}|${group.id}`, () =>
    api.call('listGroupMembers', {
      params: { id: idpId, groupId: group.id },
    }),
  );
  const [adding, setAdding] = useState('');
  const members = new Set((data ?? []).map((u) => u.id));
  const act = (done: string, action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      announce(done);
      reload();
      onChanged();
    });

  return (
    <section className="panel" aria-labelledby="members-title">
      <h3 id="members-title">Members of {group.name}</h3>
      <Table<DirectoryUserView>
        label={`Members of ${group.name}`}
        rows={data}
        rowKey={(u) => u.id}
        empty="No member."
        columns={[
          { header: 'User', cell: (u) => u.userName },
          {
            header: 'Actions',
            hidden: true,
            cell: (u) => (
              <button
                type="button"
                aria-label={`Remove ${u.userName} from ${group.name}`}
                onClick={() =>
                  void act(`Removed ${u.userName} from ${group.name}.`, () =>
                    api.call('removeGroupMember', {
                      params: { id: idpId, groupId: group.id, userId: u.id },
                    }),
                  )
                }
              >
                Remove
              </button>
            ),
          },
        ]}
      />
      <div className="row">
        <label htmlFor="add-member">Add a member</label>
        <select id="add-member" value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">Choose a user</option>
          {users
            .filter((u) => !members.has(u.id) && !u.deletedAt)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.userName}
              </option>
            ))}
        </select>
        <button
          type="button"
          disabled={!adding}
          onClick={() =>
            void act(`Added a member to ${group.name}.`, async () => {
              await api.call('addGroupMembers', {
                params: { id: idpId, groupId: group.id },
                body: { userIds: [adding] },
              });
              setAdding('');
            })
          }
        >
          Add
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
