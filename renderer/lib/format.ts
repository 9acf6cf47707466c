/** Display formatting shared by the features. Pure functions. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB" (base 1024, at most one decimal, none for bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}

/** The exact count, grouped: 1234567 → "1,234,567 bytes". */
export const exactBytes = (bytes: number) =>
  `${new Intl.NumberFormat('en-US').format(Math.max(0, Math.floor(bytes)))} bytes`;

const pad = (n: number) => n.toString().padStart(2, '0');

/** Elapsed time as a clock: "00:04:09", "27:03:00"; days as "2 d 03:00:00". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const clock = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

/** Time left, in words at the right grain: "45 s", "14 min 05 s", "2 h 05 min", "3 d 4 h". */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (days > 0) return `${days} d ${h} h`;
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}

/** A point in time for people: "14:32" today, "Tue 3 Jun, 14:32" otherwise. */
export function formatMoment(at: number | string, now: number = Date.now()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (sameDay) return time;
  const day = date.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  return `${day}, ${time}`;
}

/** A full timestamp (notifications list, details). */
export function formatTimestamp(at: number | string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export const isoOf = (at: number | string) => {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** "department" → "Department", "not_matched" → "Not matched". */
export function humanize(word: string): string {
  const spaced = word.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * A port list as ranges: [443, 8080, 8081, …, 8090] → ["443", "8080–8090"]. Sorted, without
 * duplicates; three or more consecutive ports become one range (two stay two ports), so a long
 * segment range reads as one item instead of a column of numbers.
 */
export function portRanges(ports: readonly number[]): string[] {
  const sorted = [...new Set(ports)].filter(Number.isInteger).sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const from = sorted[i]!;
    const to = sorted[j]!;
    if (j - i >= 2) out.push(`${from}–${to}`);
    else for (let k = i; k <= j; k++) out.push(String(sorted[k]));
    i = j + 1;
  }
  return out;
}

/** The port list for people: "443, 8080–8090"; "—" when there is none. */
export const formatPorts = (ports: readonly number[]) => portRanges(ports).join(', ') || '—';
