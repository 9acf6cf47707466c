/**
 * A few labelled facts in one table cell (a description list: each term, its value, and an
 * optional action in a second description of the same term), so one cell holds several
 * columns' worth of facts and the table fits a laptop's width.
 */
import type { ReactNode } from 'react';

export interface Fact {
  term: string;
  value: ReactNode;
  /** A control acting on this fact, e.g. the button that turns it off. */
  action?: ReactNode;
}

export function Facts({ items }: { items: readonly Fact[] }) {
  return (
    <dl className="facts">
      {items.map((f) => (
        <div key={f.term}>
          <dt>{f.term}</dt>
          <dd>{f.value}</dd>
          {f.action ? <dd className="fact-action">{f.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
