import { useEffect, useRef, type MouseEvent } from 'react';
import { Button } from './components/Button';
import { AboutPage } from './features/about/AboutPage';
import { AppsPage } from './features/apps/AppsPage';
import { ErrorPanel } from './features/errors/ErrorPanel';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { PrivateAccessPage } from './features/private-access/PrivateAccessPage';
import { ReauthBanner } from './features/reauth/ReauthBanner';
import { SettingsPage } from './features/settings/SettingsPage';
import { LinkStatus } from './features/shell/LinkStatus';
import { Nav, pageHref } from './features/shell/Nav';
import { Toast } from './features/shell/Toast';
import { TopBar } from './features/shell/TopBar';
import { SignInPage } from './features/sign-in/SignInPage';
import { ReportIssueDialog } from './features/troubleshoot/ReportIssueDialog';
import { TroubleshootPage } from './features/troubleshoot/TroubleshootPage';
import { isPageId, isSignedIn, shownPage, useActions, useConnector, type PageId } from './store';

const PAGE_TITLE: Record<PageId, string> = {
  'sign-in': 'Sign In',
  'private-access': 'Private Access',
  apps: 'Applications',
  notifications: 'Notifications',
  troubleshoot: 'Troubleshoot',
  about: 'About',
  settings: 'Settings',
};

const pageFromHash = (hash: string): PageId | null => {
  const id = hash.replace(/^#\/?/, '');
  return isPageId(id) ? id : null;
};

/** The Client Connector window: top bar, left navigation, the page, the reauth banner. */
export function App() {
  const actions = useActions();
  const snapshot = useConnector((s) => s.snapshot);
  const loadError = useConnector((s) => s.loadError);
  const requested = useConnector((s) => s.page);
  const dialog = useConnector((s) => s.dialog);
  const signedIn = snapshot !== null && isSignedIn(snapshot.auth);
  const page = shownPage(requested, snapshot);

  useEffect(() => actions.start(), [actions]);

  // Hash routes: back/forward and deep links (#/apps) work, and nothing needs a server.
  useEffect(() => {
    const fromHash = () => {
      const id = pageFromHash(window.location.hash);
      if (id) actions.navigate(id);
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, [actions]);

  useEffect(() => {
    if (pageFromHash(window.location.hash) !== page) {
      window.history.replaceState(null, '', pageHref(page));
    }
    document.title = `${PAGE_TITLE[page]} · Client Connector`;
  }, [page]);

  // Move focus to the new page's heading (not on the first render).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [page]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to content
      </a>
      <TopBar snapshot={snapshot} signedIn={signedIn} />
      <LinkStatus />
      <div className="app__body">
        <Nav current={page} signedIn={signedIn} />
        <main id="main" className="main" tabIndex={-1}>
          <div className="main__inner">
            {snapshot ? (
              <>
                {signedIn ? <ReauthBanner snapshot={snapshot} /> : null}
                <Page page={page} signedIn={signedIn} />
              </>
            ) : page === 'settings' ? (
              // Reachable without a snapshot: the way to another cloud when this one is missing.
              <SettingsPage />
            ) : loadError ? (
              <ErrorPanel
                code={loadError.code}
                detail={loadError.message}
                at={loadError.at}
                className="card"
                actions={
                  <>
                    <Button variant="primary" onClick={() => void actions.refresh()}>
                      Try Again
                    </Button>
                    <Button onClick={() => actions.navigate('settings')}>Settings</Button>
                  </>
                }
              />
            ) : (
              <div className="loading" role="status">
                <span className="spinner spinner--large" aria-hidden="true" />
                Connecting to the Client Connector service…
              </div>
            )}
          </div>
        </main>
      </div>
      <Toast />
      {dialog === 'reportIssue' ? <ReportIssueDialog /> : null}
    </div>
  );
}

function focusMain(e: MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

function Page({ page, signedIn }: { page: PageId; signedIn: boolean }) {
  const snapshot = useConnector((s) => s.snapshot)!;
  switch (page) {
    case 'sign-in':
      return <SignInPage snapshot={snapshot} />;
    case 'private-access':
      return <PrivateAccessPage snapshot={snapshot} />;
    case 'apps':
      return <AppsPage snapshot={snapshot} />;
    case 'notifications':
      return <NotificationsPage snapshot={snapshot} />;
    case 'troubleshoot':
      return <TroubleshootPage signedIn={signedIn} />;
    case 'about':
      return <AboutPage snapshot={snapshot} signedIn={signedIn} />;
    case 'settings':
      return <SettingsPage />;
  }
}
