import { useState } from 'react';
import type { AppSegment, PortRange, SegmentGroup } from '../../../../shared/model/policy.js';
import { JsonEditor } from '../../components/JsonEditor';
import { Badge, Table } from '../../components/Table';
import { useConsole } from '../../context';

const ports = (ranges: PortRange[]) =>
  ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ') || '—';

const editable = ({
  id: _i,
  createdAt: _c,
  updatedAt: _u,
  ...rest
}: {
  id: string;
  createdAt: string;
  updatedAt: string;
}) => rest;

type Editing = { kind: 'segment' | 'group'; id: string | null } | null;

/** Application segments and segment groups: view, edit (JSON of their fields), add, delete. */
export function SegmentsSection({
  segments,
  groups,
  onChanged,
}: {
  segments: AppSegment[] | undefined;
  groups: SegmentGroup[] | undefined;
  onChanged(): void;
}) {
  const { api, run, announce } = useConsole();
  const [editing, setEditing] = useState<Editing>(null);
  const groupName = (id: string) => groups?.find((g) => g.id === id)?.name ?? id;
  const act = (done: string, action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      announce(done);
      setEditing(null);
      onChanged();
    });

  const segment =
    editing?.kind === 'segment' && editing.id
      ? segments?.find((s) => s.id === editing.id)
      : undefined;
  const group =
    editing?.kind === 'group' && editing.id ? groups?.find((g) => g.id === editing.id) : undefined;

  const buttons = (kind: 'segment' | 'group', item: { id: string; name: string }) => (
    <>
      <button
        type="button"
        aria-label={`Edit ${item.name}`}
        onClick={() => setEditing({ kind, id: item.id })}
      >
        Edit
      </button>
      <button
        type="button"
        className="danger"
        aria-label={`Delete ${item.name}`}
        onClick={() =>
          void act(`Deleted ${item.name}.`, () =>
            kind === 'segment'
              ? api.call('deleteSegment', { params: { id: item.id } })
              : api.call('deleteSegmentGroup', { params: { id: item.id } }),
          )
        }
      >
        Delete
      </button>
    </>
  );

  return (
    <section className="card" aria-labelledby="segments-title">
      <div className="row between">
        <h3 id="segments-title">Application segments</h3>
        <div className="row">
          <button type="button" onClick={() => setEditing({ kind: 'segment', id: null })}>
            Add a segment
          </button>
          <button type="button" onClick={() => setEditing({ kind: 'group', id: null })}>
            Add a segment group
          </button>
        </div>
      </div>
      <Table<AppSegment>
        label="Application segments"
        rows={segments}
        rowKey={(s) => s.id}
        empty="No application segment."
        columns={[
          { header: 'Segment', cell: (s) => s.name },
          { header: 'Domains', cell: (s) => s.domains.join(', '), className: 'mono' },
          { header: 'TCP ports', cell: (s) => ports(s.tcpPortRanges) },
          { header: 'UDP ports', cell: (s) => ports(s.udpPortRanges) },
          { header: 'Segment group', cell: (s) => groupName(s.segmentGroupId) },
          { header: 'Bypass', cell: (s) => s.bypassType },
          { header: 'Status', cell: (s) => <Badge on={s.enabled} /> },
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (s) => buttons('segment', s),
          },
        ]}
      />
      <Table<SegmentGroup>
        label="Segment groups"
        rows={groups}
        rowKey={(g) => g.id}
        empty="No segment group."
        columns={[
          { header: 'Segment group', cell: (g) => g.name },
          { header: 'Description', cell: (g) => g.description || '—' },
          {
            header: 'Segments',
            cell: (g) => segments?.filter((s) => s.segmentGroupId === g.id).length ?? '…',
          },
          { header: 'Status', cell: (g) => <Badge on={g.enabled} /> },
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (g) => buttons('group', g),
          },
        ]}
      />
      {editing ? (
        <div className="panel">
          <JsonEditor
            key={`${editing.kind}-${editing.id ?? 'new'}`}
            label={
              segment
                ? `Segment ${segment.name} (JSON)`
                : group
                  ? `Segment group ${group.name} (JSON)`
                  : `New ${editing.kind === 'segment' ? 'segment' : 'segment group'} (JSON)`
            }
            initial={
              segment
                ? editable(segment)
                : group
                  ? editable(group)
                  : editing.kind === 'segment'
                    ? {
                        name: '',
                        domains: [],
                        tcpPortRanges: [{ from: 443, to: 443 }],
                        segmentGroupId: groups?.[0]?.id ?? '',
                      }
                    : { name: '', description: '' }
            }
            submitLabel={editing.id ? 'Save' : 'Add'}
            onCancel={() => setEditing(null)}
            onSubmit={(body) =>
              act(editing.id ? 'Saved.' : 'Added.', () => {
                const id = editing.id;
                if (editing.kind === 'segment') {
                  return id
                    ? api.call('updateSegment', { params: { id }, body: body as never })
                    : api.call('createSegment', { body: body as never });
                }
                return id
                  ? api.call('updateSegmentGroup', { params: { id }, body: body as never })
                  : api.call('createSegmentGroup', { body: body as never });
              })
            }
          />
        </div>
      ) : null}
    </section>
  );
}
