import type { ReactNode } from 'react';

/**
 * The text with a soft break (<wbr>) after each underscore, so a long identifier such as
 * MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE wraps between its words in a narrow window instead
 * of mid-word or off the edge. Copying the text copies no extra characters.
 */
export function breakAfterUnderscores(text: string): ReactNode[] {
  const parts = text.split('_');
  return parts.flatMap((part, i) =>
    i < parts.length - 1 ? [`${part}_`, <wbr key={i} />] : [part],
  );
}

/** An error code, host or identifier as the app shows it everywhere (monospace, wraps at `_`). */
export function Code({ children, className }: { children: string; className?: string }) {
  return (
    <code className={className ? `code ${className}` : 'code'}>
      {breakAfterUnderscores(children)}
    </code>
  );
}

/** Prose that may hold identifiers (catalog causes and remedies): wraps at `_` too. */
export function Breakable({ text }: { text: string }) {
  return <>{breakAfterUnderscores(text)}</>;
}
