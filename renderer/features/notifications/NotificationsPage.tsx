import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import type { NotificationCategory } from '../../../shared/state/types';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { formatTimestamp, isoOf } from '../../lib/format';
import { useActions, useBusy, useConnector } from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';

/** The application column of the real client's Notifications window. */
const APPLICATION: Record<NotificationCategory, string> = {
  serviceStatus: 'Private Access',
  zpaReauthentication: 'Private Access',
  critical: 'Client Connector',
  default: 'Client Connector',
};

/** Notifications window: Application · Time · Message, and Clear All. */
export function NotificationsPage({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const { call } = useActions();
  const clearing = useBusy('clearNotifications');
  const error = useConnector((s) => s.errors.clearNotifications ?? null);
  const items = snapshot.notifications;

  return (
    <>
      <PageHeader
        title="Notifications"
        actions={
          <Button
            busy={clearing}
            disabled={items.length === 0}
            onClick={() => void call('clearNotifications')}
          >
            Clear All
          </Button>
        }
      />
      {error ? (
        <ErrorPanel code={error.code} detail={error.message} at={error.at} live className="card" />
      ) : null}
      <section className="card card--flush" aria-labelledby="page-title">
        {items.length === 0 ? (
          <p className="empty">No notifications.</p>
        ) : (
          <table className="table table--stack table--notifications" aria-label="Notifications">
            <thead>
              <tr>
                <th scope="col">Application</th>
                <th scope="col">Time</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {items.map((n, i) => (
                <tr key={`${n.id}-${n.at}-${i}`}>
                  <th scope="row" className="nowrap">
                    {APPLICATION[n.category] ?? 'Client Connector'}
                  </th>
                  <td className="nowrap notification__time">
                    <time dateTime={isoOf(n.at)}>{formatTimestamp(n.at)}</time>
                  </td>
                  <td className="notification__text">{n.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
