import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { ApiError, createApiClient } from './api/client';
import { adminToken } from './api/token';
import type { IdpView } from './api/views';
import { ConsoleContext, type ConsoleContextValue } from './context';
import { Nav, pageFromHash } from './Nav';
import { PAGES } from './pages';
import { SignIn } from './SignIn';

/**
 * The admin console: the sign-in (admin token), then the navigation built from the page
 * registry (pages/index.ts), the alert and status lines, and the current page (hash routes,
 * #/<page id>).
 */
export function App() {
  const [signedIn, setSignedIn] = useState(() => adminToken.get() !== null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [idps, setIdps] = useState<IdpView[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pageId, setPageId] = useState(() => pageFromHash(window.location.hash));
  const api = useMemo(() => createApiClient(adminToken.get), []);

  const signOut = useCallback(() => {
    adminToken.clear();
    setIdps([]);
    setSelectedId(null);
    setSignedIn(false);
  }, []);

  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      try {
        await action();
        setError(null);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) signOut();
        setError(e instanceof Error ? e.message : String(e));
        return false;
      }
    },
    [signOut],
  );

  const reloadIdps = useCallback(async () => {
    const list = await api.call('listIdps');
    setIdps(list);
    setSelectedId((id) => (list.some((i) => i.id === id) ? id : (list[0]?.id ?? null)));
  }, [api]);

  // A token kept from before a reload: read the IdPs with it (a 401 signs out).
  // (run sets state only once the request has answered, not synchronously in the effect.)
  const loadIdps = useEffectEvent(() => run(reloadIdps));
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (adminToken.get() !== null) void loadIdps();
  }, []);

  useEffect(() => {
    const onHash = () => setPageId(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const page = PAGES.find((p) => p.id === pageId) ?? PAGES[0]!;
  useEffect(() => {
    document.title = `${page.title} · Admin console`;
  }, [page]);

  // Move focus to the new page's heading (not on the first render).
  const heading = useRef<HTMLHeadingElement>(null);
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) firstPage.current = false;
    else heading.current?.focus();
  }, [page.id]);

  const value: ConsoleContextValue = useMemo(
    () => ({
      api,
      idps,
      idp: idps.find((i) => i.id === selectedId) ?? null,
      selectIdp: setSelectedId,
      reloadIdps,
      replaceIdp: (idp) => setIdps((list) => list.map((i) => (i.id === idp.id ? idp : i))),
      announce: setStatus,
      run,
    }),
    [api, idps, selectedId, reloadIdps, run],
  );

  const onSignIn = async (token: string) => {
    adminToken.set(token);
    if (await run(reloadIdps)) {
      setSignedIn(true);
      setStatus('Signed in.');
    } else adminToken.clear();
  };

  return (
    <ConsoleContext.Provider value={value}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>Admin console</h1>
        <p className="muted">
          Private Access Cloud (simulator) · <a href="/">Front page</a>
          {signedIn ? (
            <>
              {' · '}
              <button
                type="button"
                className="link"
                onClick={() => {
                  signOut();
                  setError(null);
                  setStatus('Signed out.');
                }}
              >
                Sign out
              </button>
            </>
          ) : null}
        </p>
      </header>
      {signedIn ? <Nav pages={PAGES} current={page.id} /> : null}
      <main id="main" tabIndex={-1} className={signedIn ? undefined : 'full'}>
        {error ? (
          <div className="error" role="alert">
            {error}
          </div>
        ) : null}
        <p className="status" role="status" aria-live="polite">
          {status}
        </p>
        {signedIn ? (
          <section aria-labelledby="page-title" className="page">
            <h2 id="page-title" ref={heading} tabIndex={-1}>
              {page.title}
            </h2>
            {page.description ? <p className="muted">{page.description}</p> : null}
            <page.Component key={page.id} />
          </section>
        ) : (
          <SignIn onSignIn={onSignIn} />
        )}
      </main>
    </ConsoleContext.Provider>
  );
}
