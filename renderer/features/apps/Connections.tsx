import type { AppConnectionView, AppSummary } from '../../../shared/model/broker';
import { Button } from '../../components/Button';
import { Elapsed } from '../../components/Live';
import { exactBytes, formatBytes, formatMoment } from '../../lib/format';
import { useActions, useConnector } from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';

/** The column headers, also each cell's label when the table is shown as cards (narrow). */
const COLUMNS = {
  opened: 'Opened',
  duration: 'Duration',
  sent: 'Sent',
  received: 'Received',
  latency: 'Latency',
} as const;

/** Open application connections: when, how long, bytes, latency, and Close. */
export function Connections({
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
        <table className="table table--stack table--connections" aria-labelledby="conn-title">
          <thead>
            <tr>
              <th scope="col">Application</th>
              {Object.values(COLUMNS).map((label) => (
                <th scope="col" key={label}>
                  {label}
                </th>
              ))}
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
                <td data-label={COLUMNS.opened}>{formatMoment(c.openedAt)}</td>
                <td data-label={COLUMNS.duration}>
                  <Elapsed since={Date.parse(c.openedAt)} />
                </td>
                <td className="tabular" data-label={COLUMNS.sent} title={exactBytes(c.bytesSent)}>
                  {formatBytes(c.bytesSent)}
                </td>
                <td
                  className="tabular"
                  data-label={COLUMNS.received}
                  title={exactBytes(c.bytesReceived)}
                >
                  {formatBytes(c.bytesReceived)}
                </td>
                <td className="tabular" data-label={COLUMNS.latency}>
                  {Math.round(c.latencyMs)} ms
                </td>
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
