import type { ReactNode } from 'react';

export interface Column<T> {
  /** The header; a visually hidden one for action columns (`hidden`). */
  header: string;
  hidden?: boolean;
  cell(row: T): ReactNode;
  className?: string;
}

/**
 * A labelled table (role "table" with an accessible name) with one row per item, and a row
 * saying `empty` when there is none. `rows` undefined means "loading".
 */
export function Table<T>({
  label,
  columns,
  rows,
  rowKey,
  empty,
  rowProps,
}: {
  label: string;
  columns: Column<T>[];
  rows: readonly T[] | undefined;
  rowKey(row: T): string;
  empty: string;
  rowProps?(row: T): { className?: string; 'aria-current'?: 'true' };
}) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.hidden ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows && rows.length > 0 ? (
            rows.map((row) => (
              <tr key={rowKey(row)} {...rowProps?.(row)}>
                {columns.map((c) => (
                  <td key={c.header} className={c.className}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={columns.length} className="empty">
                {rows ? empty : 'Loading…'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** "Enabled" / "Disabled" (or other words) with a colour that never stands alone. */
export function Badge({
  on,
  yes = 'Enabled',
  no = 'Disabled',
}: {
  on: boolean;
  yes?: string;
  no?: string;
}) {
  return <span className={on ? 'badge on' : 'badge'}>{on ? yes : no}</span>;
}
