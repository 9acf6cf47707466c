import { useState, type FormEvent } from 'react';
import type { ScimList } from '../api/views';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import { Table, type Column } from './Table';

interface Query {
  filter: string;
  count: string;
  startIndex: string;
}

const EMPTY: Query = { filter: '', count: '50', startIndex: '1' };

/**
 * One SCIM resource list of the selected IdP (users or groups) with the SCIM list parameters
 * the API takes (RFC 7644 §3.4.2): a filter expression, startIndex and count. The SCIM service
 * checks them; its error message shows in the alert.
 */
export function ScimListSection<T extends { id: string }>({
  title,
  load,
  columns,
  example,
}: {
  title: string;
  load(
    idpId: string,
    query: { filter?: string; count: string; startIndex: string },
  ): Promise<ScimList<T>>;
  columns: Column<T>[];
  example: string;
}) {
  const { idp } = useConsole();
  const [draft, setDraft] = useState<Query>(EMPTY);
  const [query, setQuery] = useState<Query>(EMPTY);
  const key = idp ? `${idp.id}|${JSON.stringify(query)}` : null;
  const { data, reload } = useLoad(key, () =>
    load(idp!.id, {
      ...(query.filter.trim() ? { filter: query.filter.trim() } : {}),
      count: query.count,
      startIndex: query.startIndex,
    }),
  );
  const slug = title.toLowerCase().replace(/\W+/g, '-');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The same search again is a refresh; a new one loads through its key.
    if (JSON.stringify(draft) === JSON.stringify(query)) reload();
    else setQuery(draft);
  };
  const field = (name: keyof Query, label: string, type = 'text', size?: number) => (
    <div className="field">
      <label htmlFor={`${slug}-${name}`}>{label}</label>
      <input
        id={`${slug}-${name}`}
        type={type}
        size={size}
        className={name === 'filter' ? 'wide mono' : undefined}
        value={draft[name]}
        placeholder={name === 'filter' ? example : undefined}
        onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
      />
    </div>
  );

  return (
    <section className="card" aria-labelledby={`${slug}-title`}>
      <h3 id={`${slug}-title`}>{title}</h3>
      <form className="row" onSubmit={submit} aria-label={`Search ${title}`}>
        {field('filter', 'SCIM filter')}
        {field('startIndex', 'startIndex', 'number', 5)}
        {field('count', 'count', 'number', 5)}
        <button type="submit">Search {title}</button>
      </form>
      <p className="muted small">
        {data ? `${data.totalResults} in all, from ${data.startIndex ?? 1}` : ''}
      </p>
      <Table<T>
        label={title}
        rows={data ? (data.Resources ?? []) : undefined}
        rowKey={(r) => r.id}
        empty={`No ${title} match.`}
        columns={columns}
      />
    </section>
  );
}
