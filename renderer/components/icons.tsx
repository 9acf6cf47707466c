/** A few line icons (inline SVG, no icon font or CDN). Decorative: hidden from assistive tech. */
import type { ReactElement } from 'react';

const PATHS = {
  shield: 'M12 3l7 3v5c0 4.6-3 8.5-7 10-4-1.5-7-5.4-7-10V6l7-3z M9 12l2 2 4-4',
  lock: 'M6 11h12v9H6z M8.5 11V8a3.5 3.5 0 017 0v3',
  apps: 'M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 14h6v6h-6z',
  bell: 'M6 16V11a6 6 0 0112 0v5l1.5 2h-15L6 16z M10 20a2 2 0 004 0',
  wrench:
    'M14.5 6.5a4 4 0 00-5.3 5.3L4 17l3 3 5.2-5.2a4 4 0 005.3-5.3l-2.4 2.4-2.3-.7-.7-2.3 2.4-2.4z',
  info: 'M12 3a9 9 0 100 18 9 9 0 000-18z M12 11v6 M12 7.5v.5',
  gear: 'M12 9a3 3 0 100 6 3 3 0 000-6z M12 2.5v3 M12 18.5v3 M4.2 6.5l2.6 1.5 M17.2 16l2.6 1.5 M4.2 17.5l2.6-1.5 M17.2 8l2.6-1.5',
  signIn: 'M10 17l5-5-5-5 M15 12H3 M14 4h5a1 1 0 011 1v14a1 1 0 01-1 1h-5',
  logOut: 'M14 17l5-5-5-5 M19 12H8 M10 4H5a1 1 0 00-1 1v14a1 1 0 001 1h5',
  chevron: 'M9 6l6 6-6 6',
  alert: 'M12 3l9.5 17h-19L12 3z M12 10v4.5 M12 17.5v.5',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  clock: 'M12 3a9 9 0 100 18 9 9 0 000-18z M12 7v5l3 2',
  copy: 'M9 9h10v11H9z M5 15V4h10',
  download: 'M12 4v11 M7 10.5l5 5 5-5 M5 20h14',
  refresh: 'M19 8a7.5 7.5 0 10.9 6 M19 3.5V8h-4.5',
  close: 'M6 6l12 12 M18 6L6 18',
  power: 'M12 3v8 M7 6a7.5 7.5 0 1010 0',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }): ReactElement {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
