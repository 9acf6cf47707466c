import { useId, useState, type FormEvent } from 'react';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import { Button } from '../../components/Button';
import { Icon } from '../../components/icons';
import { useActions, useConnector } from '../../store';
import { describeError } from '../../../shared/errors';
import { ErrorPanel } from '../errors/ErrorPanel';
import { SignInWindowNotice } from './SignInWindowNotice';

/**
 * Enrollment: the username (email) lets the cloud find the organisation's identity provider;
 * the SAML or OIDC login then runs in a window the host opens. This page only calls signIn and
 * shows "Authenticating…" with Cancel.
 */
export function SignInPage({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const auth = snapshot.auth;
  const authenticating = auth.status === 'authenticating';

  return (
    <div className="sign-in">
      <div className="sign-in__card card">
        <div className="sign-in__logo" aria-hidden="true">
          <Icon name="shield" />
        </div>
        {authenticating ? (
          <Authenticating method={auth.method} />
        ) : (
          <SignInForm initial={snapshot.username ?? ''} />
        )}
      </div>
      <SignInErrors snapshot={snapshot} />
    </div>
  );
}

function SignInForm({ initial }: { initial: string }) {
  const { call } = useActions();
  const busy = useConnector((s) => (s.busy.signIn ?? 0) > 0);
  const [username, setUsername] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const problemId = useId();
  const hintId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = username.trim();
    if (value === '') {
      setProblem('Enter your username.');
      return;
    }
    if (value.length > 256) {
      setProblem('The username is too long (256 characters at most).');
      return;
    }
    setProblem(null);
    void call('signIn', { username: value });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Sign In
      </h1>
      <p className="page-header__lead">
        Enter your work email. Your organisation&apos;s identity provider will ask you to sign in.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Username</label>
        <input
          id={inputId}
          name="username"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="name@company.com"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : hintId}
        />
        {problem ? (
          <p id={problemId} className="field__error">
            {problem}
          </p>
        ) : (
          <p id={hintId} className="field__hint">
            For example alex@acme.com
          </p>
        )}
      </div>
      <Button type="submit" variant="primary" busy={busy} className="btn--block">
        Sign In
      </Button>
    </form>
  );
}

function Authenticating({ method }: { method: 'saml' | 'oidc' | null }) {
  const { call } = useActions();
  return (
    <div className="authenticating">
      <h1 id="page-title" tabIndex={-1}>
        Sign In
      </h1>
      <div role="status" aria-live="polite" className="authenticating__status">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p className="authenticating__title">Authenticating…</p>
      </div>
      <p className="hint">
        {method
          ? `Complete the ${method === 'saml' ? 'SAML' : 'OIDC'} sign-in in the window that opened.`
          : 'Finding your identity provider…'}
      </p>
      <SignInWindowNotice />
      <Button variant="secondary" onClick={() => void call('cancelSignIn')}>
        Cancel
      </Button>
    </div>
  );
}

function SignInErrors({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const callError = useConnector((s) => s.errors.signIn ?? s.errors.cancelSignIn ?? null);
  const auth = snapshot.auth;
  const last = auth.status === 'unauthenticated' ? auth.lastError : undefined;
  if (callError) {
    return (
      <ErrorPanel
        code={callError.code}
        detail={callError.message}
        at={callError.at}
        live
        className="card"
      />
    );
  }
  if (last && describeError(last.code, last.reason).severity === 'info') {
    // The user's own choice (a cancel) is not an error: a neutral note, no red panel.
    return (
      <p className="hint" role="status">
        {describeError(last.code, last.reason).message}
      </p>
    );
  }
  if (last) {
    return <ErrorPanel code={last.code} reason={last.reason} at={last.at} live className="card" />;
  }
  return null;
}
