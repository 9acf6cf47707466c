import type { ReactNode } from 'react';
import { copyableDetails, describeError } from '../../../shared/errors';
import { Breakable, Code } from '../../components/Code';
import { Disclosure } from '../../components/Disclosure';
import { formatTimestamp } from '../../lib/format';
import { authView, useConnector, useWindowView } from '../../store';
import { InsightNote } from '../insight/InsightNote';
import { CopyButton } from './CopyButton';
import { ErrorPanelButtons, ErrorPanelFrame } from './ErrorPanelFrame';
import { RealErrorPanel } from './RealErrorPanel';

export interface ErrorPanelProps {
  code: string;
  /** Catalog variant, e.g. `not_synced` for BRK_MT_SETUP_FAIL_SCIM_INACTIVE. */
  reason?: string | undefined;
  /** The raw message that came with the code (shown when it says more than the catalog). */
  detail?: string | null | undefined;
  app?: string | null | undefined;
  at?: number | string | undefined;
  /** An error that just happened (role="alert"); a standing one is a labelled region. */
  live?: boolean;
  headingLevel?: 2 | 3;
  /** Buttons that fix it (Retry, Authenticate). */
  actions?: ReactNode;
  className?: string;
}

/**
 * Any error, in the window's view: as the real client shows it (the state, the real client's own
 * codes only), or with the simulator's insight (code, cause, the admin's fix), marked as such.
 */
export function ErrorPanel(props: ErrorPanelProps) {
  const view = useWindowView();
  return view === 'real' ? <RealErrorPanel {...props} /> : <InsightErrorPanel {...props} />;
}

/**
 * The insight view's error (architecture.md §3 "Errors"): title, message and code, what the user
 * can do, and under Details the cause, what to tell the admin (e.g. the Okta out-of-sync fix) and
 * Copy details.
 */
function InsightErrorPanel({
  code,
  reason,
  detail,
  app,
  at,
  live = false,
  headingLevel = 2,
  actions,
  className,
}: ErrorPanelProps) {
  const snapshot = useConnector((s) => s.snapshot);
  // Some causes and fixes depend on the IdP (Okta's sync error is not Entra's).
  const entry = describeError(code, reason, snapshot?.session?.idpVendor);
  const clientVersion = useConnector((s) => s.about?.appVersion ?? null);
  const who = snapshot ? authView(snapshot.auth) : null;
  const extra = extraDetail(detail, entry.message);
  const text = copyableDetails(entry, {
    at: at ?? '',
    user: who?.user ?? snapshot?.username ?? null,
    idp: who?.idp ?? null,
    app: app ?? null,
    detail: extra,
    deviceId: snapshot?.deviceId ?? null,
    clientVersion,
  });
  const shownCode = entry.reason ? `${entry.code} (${entry.reason})` : code;

  return (
    <ErrorPanelFrame
      title={entry.title}
      live={live}
      headingLevel={headingLevel}
      className={className}
    >
      <InsightNote topic="diagnostics" />
      <p className="error-panel__message">
        <Breakable text={entry.message} />
      </p>
      {extra ? (
        <p className="error-panel__detail">
          <Breakable text={extra} />
        </p>
      ) : null}
      <p className="error-panel__code">
        Error code <Code>{shownCode}</Code>
        {app ? (
          <>
            {' '}
            · Application <Code>{app}</Code>
          </>
        ) : null}
      </p>
      <p className="error-panel__action">
        <Breakable text={entry.userAction} />
      </p>
      <ErrorPanelButtons actions={actions} />
      <Disclosure label="Details" className="error-panel__details">
        <dl className="kv kv--compact">
          <dt>Cause</dt>
          <dd>
            <Breakable text={entry.cause} />
          </dd>
          <dt>What to tell your administrator</dt>
          <dd>
            <Breakable text={entry.adminAction} />
          </dd>
          {entry.displayName ? (
            <>
              <dt>Diagnostics name</dt>
              <dd>
                <Breakable text={entry.displayName} />
              </dd>
            </>
          ) : null}
          {entry.statusClass ? (
            <>
              <dt>Status class</dt>
              <dd>{entry.statusClass}</dd>
            </>
          ) : null}
          {at !== undefined ? (
            <>
              <dt>Time</dt>
              <dd>{formatTimestamp(at)}</dd>
            </>
          ) : null}
        </dl>
        <CopyButton text={text} />
      </Disclosure>
    </ErrorPanelFrame>
  );
}

/** What the raw message adds to the catalog's (a cloud message often repeats it first). */
function extraDetail(detail: string | null | undefined, message: string): string | null {
  const text = detail?.trim() ?? '';
  if (text === '' || text === message) return null;
  const rest = text.startsWith(message) ? text.slice(message.length).trim() : text;
  return rest === '' ? null : rest;
}
