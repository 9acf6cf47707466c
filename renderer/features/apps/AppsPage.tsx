import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import type { AppConnectionView, AppSummary } from '../../../shared/model/broker';
import { Button } from '../../components/Button';
import { Disclosure } from '../../components/Disclosure';
import { Elapsed } from '../../components/Live';
import { PageHeader } from '../../components/PageHeader';
import { StatusPill } from '../../components/StatusPill';
import { exactBytes, formatBytes, formatMoment } from '../../lib/format';
import {
  FORWARDING_LABEL,
  OUTCOME_VIEW,
  useActions,
  useBusy,
  useConnector,
  type OpenAttempt,
} from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';
import { PolicyTrace } from './PolicyTrace';

/** The user's private applications: forwarding, access result, Open, and why (the trace). */
export function AppsPage({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const { call } = useActions();
  const refreshing = useBusy('refreshApps');
  const refreshError = useConnector((s) => s.errors.refreshApps ?? null);

  useEffect(() => {
    void call('refreshApps');
  }, [call]);

  return (
    <>
      <PageHeader
        title="Applications"
        lead="Private applications your organisation publishes through Private Access."
        actions={
          <Button icon="refresh" busy={refreshing} onClick={() => void call('refreshApps')}>
            Refresh
          </Button>
        }
      />
      {refreshError ? (
        <ErrorPanel
          code={refreshError.code}
          detail={refreshError.message}
          at={refreshError.at}
          live
          className="card"
        />
      ) : null}
      <AppsTable apps={snapshot.apps} loading={refreshing} />
      <AccessResult />
      <OpenOther />
      <Connections connections={snapshot.connections} apps={snapshot.apps} />
    </>
  );
}

function AppsTable({ apps, loading }: { apps: AppSummary[]; loading: boolean }) {
  const { openApp } = useActions();
  const opening = useConnector((s) => ((s.busy.openApp ?? 0) > 0 ? s.lastOpen?.app : null));

  return (
    <section className="card card--flush" aria-labelledby="apps-title">
      <h2 id="apps-title" className="card__title card__title--padded">
        Your applications
      </h2>
      {apps.length === 0 ? (
        <p className="empty">{loading ? 'Loading applications…' : 'No private applications.'}</p>
      ) : (
        <table className="table" aria-labelledby="apps-title">
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Ports</th>
              <th scope="col">Forwarding</th>
              <th scope="col">Access</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => {
              const outcome = OUTCOME_VIEW[a.decision.outcome] ?? {
                label: a.decision.outcome,
                tone: 'neutral' as const,
              };
              const blocked = a.decision.outcome !== 'allowed' && a.decision.outcome !== 'bypassed';
              return (
                <tr key={a.app}>
                  <th scope="row">
                    <span className="app-name">{a.name}</span>
                    <span className="app-host">{a.app}</span>
                  </th>
                  <td className="tabular">{a.ports.join(', ') || '—'}</td>
                  <td>{FORWARDING_LABEL[a.forwarding] ?? a.forwarding}</td>
                  <td>
                    <StatusPill tone={outcome.tone}>{outcome.label}</StatusPill>
                    {blocked ? <span className="app-code">{a.decision.code}</span> : null}
                  </td>
                  <td className="table__actions">
                    <Button
                      busy={opening === a.app}
                      disabled={a.decision.outcome === 'bypassed'}
                      title={
                        a.decision.outcome === 'bypassed'
                          ? 'Bypassed: reached directly, not through Private Access'
                          : undefined
                      }
                      onClick={() => void openApp(a.app, a.ports[0] ?? 443)}
                    >
                      Open<span className="visually-hidden"> {a.name}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The last Open: allowed (connection below) or blocked (code, message) with "Why?". */
function AccessResult() {
  const last = useConnector((s) => s.lastOpen);
  const pending = useBusy('openApp');
  return (
    <section className="access-result" aria-label="Access result" aria-live="polite">
      {last ? <AttemptView attempt={last} pending={pending} /> : null}
    </section>
  );
}

function AttemptView({ attempt, pending }: { attempt: OpenAttempt; pending: boolean }) {
  const target = `${attempt.app}:${attempt.port}`;
  if (attempt.error) {
    return (
      <ErrorPanel
        code={attempt.error.code}
        detail={attempt.error.message}
        app={attempt.app}
        at={attempt.at}
        live
        className="card"
      />
    );
  }
  if (!attempt.result) {
    return pending ? <p className="card result result--pending">Opening {target}…</p> : null;
  }
  const { decision, connection } = attempt.result;
  const outcome = OUTCOME_VIEW[decision.outcome] ?? { label: decision.outcome, tone: 'neutral' };
  const why = (
    <Disclosure label="Why?" className="why">
      <PolicyTrace trace={decision.trace} />
    </Disclosure>
  );

  if (decision.outcome === 'allowed' || decision.outcome === 'bypassed') {
    return (
      <div className={`card result result--${outcome.tone}`}>
        <h2 className="result__title">
          <StatusPill tone={outcome.tone}>{outcome.label}</StatusPill> <code>{target}</code>
        </h2>
        <p>
          {decision.outcome === 'allowed'
            ? connection
              ? 'Connection open: see Application connections below.'
              : decision.message
            : 'This application is bypassed: your device reaches it directly, not through Private Access.'}
        </p>
        {why}
      </div>
    );
  }
  return (
    <div className="result-blocked">
      <ErrorPanel
        code={decision.code}
        detail={decision.message}
        app={attempt.app}
        at={attempt.at}
        live
        className="card"
      />
      <div className="card result">{why}</div>
    </div>
  );
}

function OpenOther() {
  const { openApp } = useActions();
  const [app, setApp] = useState('');
  const [port, setPort] = useState('443');
  const [problem, setProblem] = useState<{ field: 'app' | 'port'; text: string } | null>(null);
  const appId = useId();
  const portId = useId();
  const problemId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const host = app.trim().toLowerCase();
    const n = Number(port);
    if (!/^[a-z0-9*]([a-z0-9-.]*[a-z0-9])?$/.test(host) || host.length > 253) {
      setProblem({ field: 'app', text: 'Enter a host name, for example git.acme.example.' });
      return;
    }
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      setProblem({ field: 'port', text: 'Enter a port between 1 and 65535.' });
      return;
    }
    setProblem(null);
    void openApp(host, n);
  };

  return (
    <section className="card" aria-labelledby="open-other-title">
      <h2 id="open-other-title" className="card__title">
        Open another application
      </h2>
      <form className="form form--inline" onSubmit={submit} noValidate>
        <div className="field field--grow">
          <label htmlFor={appId}>Application address</label>
          <input
            id={appId}
            value={app}
            onChange={(e) => setApp(e.target.value)}
            placeholder="git.acme.example"
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={problem?.field === 'app' || undefined}
            aria-describedby={problem?.field === 'app' ? problemId : undefined}
          />
        </div>
        <div className="field field--port">
          <label htmlFor={portId}>Port</label>
          <input
            id={portId}
            value={port}
            inputMode="numeric"
            onChange={(e) => setPort(e.target.value)}
            aria-invalid={problem?.field === 'port' || undefined}
            aria-describedby={problem?.field === 'port' ? problemId : undefined}
          />
        </div>
        <Button type="submit">Open application</Button>
      </form>
      {problem ? (
        <p id={problemId} className="field__error">
          {problem.text}
        </p>
      ) : null}
    </section>
  );
}

function Connections({
  connections,
  apps,
}: {
  connections: AppConnectionView[];
  apps: AppSummary[];
}) {
  const { call } = useActions();
  const closeError = useConnector((s) => s.errors.closeConnection ?? null);
  const open = connections.filter((c) => c.state === 'open');
  const nameOf = (app: string) => apps.find((a) => a.app === app)?.name ?? app;

  return (
    <section className="card card--flush" aria-labelledby="conn-title">
      <h2 id="conn-title" className="card__title card__title--padded">
        Application connections
      </h2>
      {open.length === 0 ? (
        <p className="empty">No open connections.</p>
      ) : (
        <table className="table" aria-labelledby="conn-title">
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Opened</th>
              <th scope="col">Duration</th>
              <th scope="col">Sent</th>
              <th scope="col">Received</th>
              <th scope="col">Latency</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {open.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <span className="app-name">{nameOf(c.app)}</span>
                  <span className="app-host">
                    {c.app}:{c.port}
                  </span>
                </th>
                <td>{formatMoment(c.openedAt)}</td>
                <td>
                  <Elapsed since={Date.parse(c.openedAt)} />
                </td>
                <td className="tabular" title={exactBytes(c.bytesSent)}>
                  {formatBytes(c.bytesSent)}
                </td>
                <td className="tabular" title={exactBytes(c.bytesReceived)}>
                  {formatBytes(c.bytesReceived)}
                </td>
                <td className="tabular">{Math.round(c.latencyMs)} ms</td>
                <td className="table__actions">
                  <Button
                    variant="ghost"
                    onClick={() => void call('closeConnection', { id: c.id })}
                  >
                    Close<span className="visually-hidden"> connection to {nameOf(c.app)}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {closeError ? (
        <ErrorPanel
          code={closeError.code}
          detail={closeError.message}
          at={closeError.at}
          live
          headingLevel={3}
          className="card--inset"
        />
      ) : null}
    </section>
  );
}
