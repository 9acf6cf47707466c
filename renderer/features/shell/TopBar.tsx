import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import { Button } from '../../components/Button';
import { Icon } from '../../components/icons';
import { StatusPill } from '../../components/StatusPill';
import { authView, serviceView, useActions, useBusy, useWindowView } from '../../store';

/** Product name, who is signed in, an at-a-glance status, and Log Out. */
export function TopBar({
  snapshot,
  signedIn,
}: {
  snapshot: ConnectorSnapshot | null;
  signedIn: boolean;
}) {
  const { call } = useActions();
  const busy = useBusy('signOut');
  const user = snapshot ? (authView(snapshot.auth).user ?? snapshot.username) : null;
  const service = snapshot && signedIn ? serviceView(snapshot.service) : null;
  const insight = useWindowView() === 'insight';
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__logo" aria-hidden="true">
          <Icon name="shield" />
        </span>
        <span className="topbar__name">Client Connector</span>
        {insight ? (
          // On every page: this window is the simulator's insight view, not the real client.
          <span className="view-badge" title="Switch to Real client in Settings">
            Simulator insight
          </span>
        ) : null}
      </div>
      <div className="topbar__right">
        {service ? (
          <span className="topbar__status" aria-hidden="true">
            <StatusPill tone={service.tone}>Private Access: {service.label}</StatusPill>
          </span>
        ) : null}
        {signedIn && user ? <span className="topbar__user">{user}</span> : null}
        {signedIn ? (
          <Button variant="ghost" icon="logOut" busy={busy} onClick={() => void call('signOut')}>
            Log Out
          </Button>
        ) : null}
      </div>
    </header>
  );
}
