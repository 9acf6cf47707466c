import type { ReactNode } from 'react';
import type { Tone } from '../store/selectors';

/** A coloured status label with a dot: colour is never the only cue (the text says it). */
export function StatusPill({
  tone,
  children,
  ...aria
}: {
  tone: Tone;
  children: ReactNode;
  id?: string;
  role?: 'status';
  'aria-live'?: 'polite';
  'aria-labelledby'?: string;
}) {
  return (
    <span className={`pill pill--${tone}`} {...aria}>
      <span className="pill__dot" aria-hidden="true" />
      {children}
    </span>
  );
}
