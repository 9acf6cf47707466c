import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import { Button } from '../../components/Button';
import { Disclosure } from '../../components/Disclosure';
import { Code } from '../../components/Code';
import { PageHeader } from '../../components/PageHeader';
import { StatusPill } from '../../components/StatusPill';
import {
  OUTCOME_VIEW,
  useActions,
  useBusy,
  useConnector,
  useWindowView,
  type OpenAttempt,
} from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';
import { InsightNote } from '../insight/InsightNote';
import { AppList } from './AppList';
import { Connections } from './Connections';
import { PolicyTrace } from './PolicyTrace';

/** The user's private applications: forwarding, access result, Open, and why (the trace). */
export function AppsPage({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const { call } = useActions();
  const refreshing = useBusy('refreshApps');
  const refreshError = useConnector((s) => s.errors.refreshApps ?? null);
  const insight = useWindowView() === 'insight';

  useEffect(() => {
    void call('refreshApps');
  }, [call]);

  return (
    <>
      <PageHeader
        title="Applications"
        lead={
          insight
            ? 'Private applications your organisation publishes through Private Access, with what the policy decides.'
            : 'Not a window of the real client: here you open a private application as you would in your browser, to see what Private Access does.'
        }
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
      <AppList apps={snapshot.apps} loading={refreshing} />
      <AccessResult />
      <OpenOther />
      <Connections connections={snapshot.connections} apps={snapshot.apps} />
    </>
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
  const insight = useWindowView() === 'insight';
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
  // The policy's reasons are the admin's (insight view only).
  const why = insight ? (
    <Disclosure label="Why?" className="why">
      <InsightNote topic="policy" />
      <PolicyTrace trace={decision.trace} />
    </Disclosure>
  ) : null;

  if (decision.outcome === 'allowed' || decision.outcome === 'bypassed') {
    return (
      <div className={`card result result--${outcome.tone}`}>
        <h2 className="result__title">
          <StatusPill tone={outcome.tone}>{outcome.label}</StatusPill> <Code>{target}</Code>
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
      {why ? <div className="card result">{why}</div> : null}
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
