import { useConnector } from '../../store';

/** Shown while the web shell's bridge is down (never in Electron). */
export function LinkStatus() {
  const link = useConnector((s) => s.link);
  if (link.state === 'open' || link.state === 'connecting') return null;
  return (
    <div className="link-status" role="status">
      {link.state === 'closed'
        ? 'Disconnected from the Client Connector service. Reload the page to reconnect.'
        : `Lost the connection to the Client Connector service. Reconnecting (attempt ${link.attempt})…`}
    </div>
  );
}
