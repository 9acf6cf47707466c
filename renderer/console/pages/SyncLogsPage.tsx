import { useState, type FormEvent } from 'react';
import { CLOUD_ROUTES } from '../../../shared/contract/cloud-api/index.js';
import type { ScimSyncLogEntry } from '../../../shared/model/scim-sync-log.js';
import { formatTime, shown } from '../components/format';
import { IdpPicker } from '../components/IdpPicker';
import { Table } from '../components/Table';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';

/** The filters the API takes, with the choices its contract allows (one source). */
const QUERY = CLOUD_ROUTES.scimSyncLogs.query.shape;
const CHOICES = {
  entityType: QUERY.entityType.unwrap().options,
  method: QUERY.method.unwrap().options,
  duration: QUERY.duration.unwrap().options,
};
const TEXT_FILTERS = [
  ['entityName', 'Entity name'],
  ['idpEntityId', 'IdP entity ID'],
  ['internalEntityId', 'Internal entity ID'],
  ['status', 'HTTP status'],
] as const;
const DURATION_LABEL: Record<(typeof CHOICES.duration)[number], string> = {
  le200ms: '≤ 200 ms',
  le500ms: '≤ 500 ms',
  le1s: '≤ 1 s',
  le3s: '≤ 3 s',
  gt3s: '> 3 s',
};

type Filters = Record<
  'entityType' | 'method' | 'duration' | 'since' | 'until' | (typeof TEXT_FILTERS)[number][0],
  string
> & { limit: string; offset: string };

const NO_FILTERS: Filters = {
  entityType: '',
  method: '',
  duration: '',
  entityName: '',
  idpEntityId: '',
  internalEntityId: '',
  status: '',
  since: '',
  until: '',
  limit: '50',
  offset: '0',
};

/** A datetime-local value (UTC) as ISO 8601, '' for none. */
const iso = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}Z` : '');

function SyncLogs() {
  const { api, idp } = useConsole();
  const [draft, setDraft] = useState(NO_FILTERS);
  const [filters, setFilters] = useState(NO_FILTERS);
  const key = idp ? `${idp.id}|${JSON.stringify(filters)}` : null;
  const { data, reload } = useLoad(key, () =>
    api.call('scimSyncLogs', {
      query: {
        ...filters,
        idpId: idp!.id,
        since: iso(filters.since),
        until: iso(filters.until),
        // The form's strings as typed; the API checks them (a bad one is its 400 in the alert).
      } as never,
    }),
  );
  const set = (name: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (JSON.stringify(draft) === JSON.stringify(filters)) reload();
    else setFilters(draft);
  };
  const select = (name: keyof typeof CHOICES, label: string) => (
    <div className="field">
      <label htmlFor={`log-${name}`}>{label}</label>
      <select id={`log-${name}`} value={draft[name]} onChange={set(name)}>
        <option value="">Any</option>
        {CHOICES[name].map((o) => (
          <option key={o} value={o}>
            {name === 'duration' ? DURATION_LABEL[o as keyof typeof DURATION_LABEL] : o}
          </option>
        ))}
      </select>
    </div>
  );
  const input = (name: keyof Filters, label: string, type = 'text') => (
    <div className="field" key={name}>
      <label htmlFor={`log-${name}`}>{label}</label>
      <input id={`log-${name}`} type={type} value={draft[name]} onChange={set(name)} />
    </div>
  );

  return (
    <>
      <IdpPicker />
      <form className="card" onSubmit={submit} aria-label="Filter SCIM Sync Logs">
        <div className="grid">
          {select('entityType', 'Entity type')}
          {select('method', 'Method')}
          {select('duration', 'Duration')}
          {TEXT_FILTERS.map(([name, label]) => input(name, label))}
          {input('since', 'Since (UTC)', 'datetime-local')}
          {input('until', 'Until (UTC)', 'datetime-local')}
          {input('limit', 'Rows', 'number')}
          {input('offset', 'Skip', 'number')}
        </div>
        <div className="row">
          <button type="submit" className="primary">
            Refresh SCIM Sync Logs
          </button>
          <button type="button" onClick={() => setDraft(NO_FILTERS)}>
            Clear filters
          </button>
        </div>
      </form>
      <p className="muted small">{data ? `${data.total} matching requests` : ''}</p>
      <Table<ScimSyncLogEntry>
        label="SCIM sync logs"
        rows={data?.entries}
        rowKey={(e) => String(e.seq)}
        empty="No SCIM requests logged."
        columns={[
          { header: 'Time', cell: (e) => formatTime(e.at) },
          { header: 'Method', cell: (e) => e.method },
          { header: 'Entity type', cell: (e) => e.entityType },
          { header: 'Entity name', cell: (e) => shown(e.entityName) },
          { header: 'Status', cell: (e) => e.status },
          { header: 'Duration', cell: (e) => `${e.durationMs} ms` },
          { header: 'Path', cell: (e) => e.path, className: 'mono' },
          { header: 'Detail', cell: (e) => shown(e.detail ?? e.scimType) },
        ]}
      />
    </>
  );
}

export const syncLogsPage: ConsolePage = {
  id: 'sync-logs',
  title: 'SCIM Sync Logs',
  description: 'Every SCIM request the IdP sent, with the filters of the API.',
  Component: SyncLogs,
};
