import type { ReactNode } from 'react';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import { REAUTH_REQUIRED_TEXT } from '../../../shared/state/reauth-schedule';
import { Code } from '../../components/Code';
import { Button } from '../../components/Button';
import { Countdown, Elapsed } from '../../components/Live';
import { PageHeader } from '../../components/PageHeader';
import { StatusPill } from '../../components/StatusPill';
import { exactBytes, formatBytes, formatMoment } from '../../lib/format';
import {
  SCIM_STATUS_TEXT,
  authView,
  channelLabel,
  scimPolicyView,
  serviceView,
  useActions,
  useBusy,
  useConnector,
  useWindowView,
} from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';
import { InsightNote } from '../insight/InsightNote';
import { SignInWindowNotice } from '../sign-in/SignInWindowNotice';

/**
 * The simulator has no trusted-network detection: every device is off the corporate network, as
 * most remote users are (the real values: Trusted, VPN Trusted, Split VPN Trusted, Off-Trusted).
 */
const NETWORK_TYPE = 'Off-Trusted';

/**
 * The Private Access window ("Zero Trust Connectivity"): exactly the real client's fields
 * (domain.md §1.1); in the insight view also what only the admin sees, in its own marked card.
 */
export function PrivateAccessPage({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const { service } = snapshot;
  const insight = useWindowView() === 'insight';
  const auth = authView(snapshot.auth);
  const stats = service.status === 'on' ? service.stats : null;
  const on = service.status === 'on';

  return (
    <>
      <PageHeader title="Private Access" />
      {insight && service.status === 'error' ? (
        <ErrorPanel
          code={service.code}
          reason={service.reason}
          at={service.since}
          className="card"
        />
      ) : null}
      <section className="card" aria-labelledby="zt-title">
        <h2 id="zt-title" className="card__title">
          Zero Trust Connectivity
        </h2>
        <dl className="kv">
          <div className="kv__row">
            <dt>Username</dt>
            <dd>{snapshot.username ?? auth.user ?? '—'}</dd>
          </div>
          <ServiceStatusRow snapshot={snapshot} />
          <div className="kv__row">
            <dt>Network Type</dt>
            <dd>{NETWORK_TYPE}</dd>
          </div>
          <AuthStatusRow snapshot={snapshot} />
          <div className="kv__row">
            <dt>Broker</dt>
            <dd>{on ? <Code>{service.broker}</Code> : '—'}</dd>
          </div>
          <div className="kv__row">
            {/* The real client shows its local IP here; the simulated tunnel has none to show. */}
            <dt>Client</dt>
            <dd>—</dd>
          </div>
          <div className="kv__row">
            <dt>Time Connected</dt>
            <dd>{on ? <Elapsed since={service.since} /> : '—'}</dd>
          </div>
          <div className="kv__row">
            <dt>Protocol</dt>
            <dd>{on ? 'TLS' : '—'}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="stats-title">
        <h2 id="stats-title" className="card__title">
          Statistics
        </h2>
        <dl className="kv kv--stats">
          <div className="kv__row">
            <dt>Total Bytes Sent</dt>
            <dd className="tabular" title={stats ? exactBytes(stats.bytesSent) : undefined}>
              {stats ? formatBytes(stats.bytesSent) : '—'}
            </dd>
          </div>
          <div className="kv__row">
            <dt>Total Bytes Received</dt>
            <dd className="tabular" title={stats ? exactBytes(stats.bytesReceived) : undefined}>
              {stats ? formatBytes(stats.bytesReceived) : '—'}
            </dd>
          </div>
        </dl>
      </section>

      {insight ? <InsightCard snapshot={snapshot} /> : null}
      <CallErrors />
    </>
  );
}

/** What the real client does not show (IdP, SCIM, the push channel), marked as such. */
function InsightCard({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const { session } = snapshot;
  const auth = authView(snapshot.auth);
  return (
    <section className="card card--insight" aria-labelledby="insight-title">
      <h2 id="insight-title" className="card__title">
        Behind the scenes
      </h2>
      <InsightNote topic="directory" />
      <dl className="kv">
        <div className="kv__row">
          <dt>Identity Provider</dt>
          <dd>{auth.idp ? idpLabel(auth.idp, auth.method) : '—'}</dd>
        </div>
        {session ? (
          <div className="kv__row">
            <dt>Directory Sync</dt>
            <dd>
              <StatusPill tone={SCIM_STATUS_TEXT[session.scimStatus]?.tone ?? 'neutral'}>
                {SCIM_STATUS_TEXT[session.scimStatus]?.label ?? session.scimStatus}
              </StatusPill>
            </dd>
          </div>
        ) : null}
        <ScimRow snapshot={snapshot} />
        <ChannelRow snapshot={snapshot} />
      </dl>
    </section>
  );
}

function ServiceStatusRow({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const { service } = snapshot;
  const view = serviceView(service);
  const { call } = useActions();
  const busy = useBusy('turnOn', 'turnOff', 'retry');

  return (
    <StatusRow
      id="service-status-label"
      label="Service Status"
      view={view}
      hint={<ServiceHint snapshot={snapshot} />}
    >
      {view.canRetry ? (
        <Button variant="primary" icon="refresh" onClick={() => void call('retry')}>
          Retry
        </Button>
      ) : null}
      {view.canTurnOff ? (
        <Button icon="power" busy={busy} onClick={() => void call('turnOff')}>
          Turn Off
        </Button>
      ) : null}
      {view.canTurnOn ? (
        <Button variant="primary" icon="power" busy={busy} onClick={() => void call('turnOn')}>
          Turn On
        </Button>
      ) : null}
    </StatusRow>
  );
}

/** One status axis: its pill (a live status region), its buttons, and a hint below. */
function StatusRow({
  id,
  label,
  view,
  hint,
  children,
}: {
  id: string;
  label: string;
  view: { tone: Parameters<typeof StatusPill>[0]['tone']; label: string };
  hint: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="kv__row">
      <dt id={id}>{label}</dt>
      <dd>
        <div className="kv__value-line">
          <StatusPill tone={view.tone} role="status" aria-live="polite" aria-labelledby={id}>
            {view.label}
          </StatusPill>
          <div className="button-row">{children}</div>
        </div>
        {hint}
      </dd>
    </div>
  );
}

function ServiceHint({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const { service } = snapshot;
  if (service.status === 'error') {
    return service.retryAt !== null ? (
      <p className="hint">
        Reconnecting by itself in <Countdown until={service.retryAt} /> (attempt{' '}
        {service.attempt + 1}).
      </p>
    ) : (
      <p className="hint">Click Retry once the problem is fixed.</p>
    );
  }
  if (service.status === 'off' && service.turnedOffByUser) {
    return <p className="hint">Private Access stays off until you click Turn On.</p>;
  }
  if (service.status === 'connecting' && service.attempt > 1) {
    return <p className="hint">Reconnecting (attempt {service.attempt}).</p>;
  }
  return null;
}

function AuthStatusRow({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const view = authView(snapshot.auth);
  const { call } = useActions();
  const busy = useBusy('authenticate', 'authenticateEarly', 'cancelSignIn');
  const auth = snapshot.auth;

  return (
    <StatusRow
      id="auth-status-label"
      label="Authentication Status"
      view={view}
      hint={<AuthHint auth={auth} view={view} />}
    >
      {auth.status === 'reauthRequired' ? (
        <Button variant="primary" icon="lock" busy={busy} onClick={() => void call('authenticate')}>
          Authenticate
        </Button>
      ) : null}
      {auth.status === 'authenticated' ? (
        <Button icon="lock" busy={busy} onClick={() => void call('authenticateEarly')}>
          Authenticate Early
        </Button>
      ) : null}
      {auth.status === 'authenticating' ? (
        <Button variant="ghost" onClick={() => void call('cancelSignIn')}>
          Cancel
        </Button>
      ) : null}
    </StatusRow>
  );
}

/** What the Authentication Status means now: until when, why reauthenticate, where to sign in. */
function AuthHint({
  auth,
  view,
}: {
  auth: ConnectorSnapshot['auth'];
  view: ReturnType<typeof authView>;
}) {
  // Why reauthentication is required is the admin's to know (insight view only).
  const insight = useWindowView() === 'insight';
  return (
    <>
      {auth.status === 'authenticated' ? (
        <p className="hint">
          {auth.expiresAt !== null ? (
            <>
              Authenticated until {formatMoment(auth.expiresAt)} (in{' '}
              <Countdown until={auth.expiresAt} />
              ).
            </>
          ) : (
            'Your authentication does not expire.'
          )}
        </p>
      ) : null}
      {auth.status === 'reauthRequired' ? (
        <p className="hint hint--warn">
          {insight ? view.reasonText : REAUTH_REQUIRED_TEXT}
          {auth.apps.length > 0 ? ` Applications: ${auth.apps.join(', ')}.` : ''}
        </p>
      ) : null}
      {auth.status === 'authenticating' ? (
        <p className="hint">
          Complete the sign-in in the window that opened
          {view.method ? ` (${view.method})` : ''}.
        </p>
      ) : null}
      {auth.status === 'authenticating' ? <SignInWindowNotice /> : null}
    </>
  );
}

function ScimRow({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const view = scimPolicyView(snapshot);
  if (view === null) return null;
  return (
    <div className="kv__row">
      <dt>SCIM Policy</dt>
      <dd>
        {view.ready ? (
          <StatusPill tone="ok">Ready</StatusPill>
        ) : (
          <>
            <StatusPill tone="warn">Not ready</StatusPill>
            <p className="hint hint--warn">
              You signed in before your administrator enabled SCIM Attributes for Policy, so rules
              based on your directory attributes and groups are skipped. Authenticate again
              (Authenticate Early) to apply them.
            </p>
          </>
        )}
      </dd>
    </div>
  );
}

/**
 * The cloud's push channel, when it was lost: the window says so instead of showing a state the
 * cloud may no longer agree with; it reconnects by itself and re-syncs.
 */
function ChannelRow({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const label = channelLabel(snapshot.channel);
  if (label === null) return null;
  const { channel } = snapshot;
  return (
    <div className="kv__row">
      <dt id="channel-label">Cloud Updates</dt>
      <dd>
        <StatusPill tone="warn" role="status" aria-live="polite" aria-labelledby="channel-label">
          {label}
        </StatusPill>
        <p className="hint">
          The status shown may be out of date until the connection to the cloud is back
          {channel.status === 'reconnecting' ? (
            <>
              {' '}
              (next attempt in <Countdown until={channel.retryAt} expired="a moment" />)
            </>
          ) : null}
          .
        </p>
      </dd>
    </div>
  );
}

/** Failures of the buttons on this page (the call's own error, with its code). */
function CallErrors() {
  const errors = useConnector((s) => s.errors);
  const shown = (['turnOn', 'turnOff', 'retry', 'authenticate', 'authenticateEarly'] as const)
    .map((c) => errors[c])
    .filter((e) => e !== undefined);
  return (
    <>
      {shown.map((e) => (
        <ErrorPanel
          key={`${e.code}-${e.at}`}
          code={e.code}
          detail={e.message}
          at={e.at}
          live
          className="card"
        />
      ))}
    </>
  );
}

/** "Okta (SAML)": the protocol, unless the IdP's name already says it. */
function idpLabel(idp: string, method: string | null): string {
  return method && !idp.toLowerCase().includes(method.toLowerCase()) ? `${idp} (${method})` : idp;
}
