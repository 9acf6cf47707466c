/** Display formatting for the console. Pure functions. */

/** An ISO time as "2026-12-07 09:30:00 UTC"; '—' for none. */
export const formatTime = (iso: string | null | undefined): string =>
  typeof iso === 'string' ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—';

/** The clock's offset: "real time", "1 h ahead of real time", "2 d 3 h ahead of real time". */
export function formatOffset(ms: number): string {
  if (!ms) return 'real time';
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean);
  return `${parts.join(' ') || '< 1 min'} ahead of real time`;
}

/** A value for a table cell: '—' for nothing. */
export const shown = (value: unknown): string =>
  value === undefined || value === null || value === '' ? '—' : String(value);
