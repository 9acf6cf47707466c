import { Fragment, useId } from 'react';
import type { AppSummary } from '../../../shared/model/broker';
import { Button } from '../../components/Button';
import { Code } from '../../components/Code';
import { Disclosure } from '../../components/Disclosure';
import { StatusPill } from '../../components/StatusPill';
import { portRanges } from '../../lib/format';
import {
  FORWARDING_LABEL,
  OUTCOME_VIEW,
  useActions,
  useConnector,
  useWindowView,
} from '../../store';
import { groupApps } from './app-groups';

/**
 * "Your applications": the ones the user can reach first; the blocked ones in a collapsed group
 * below, by reason (catalog title and code), still with Open so "Why?" can explain each.
 */
export function AppList({ apps, loading }: { apps: AppSummary[]; loading: boolean }) {
  const insight = useWindowView() === 'insight';
  if (!insight) return <PlainAppList apps={apps} loading={loading} />;
  const { reachable, blocked } = groupApps(apps);
  const blockedCount = blocked.reduce((n, g) => n + g.apps.length, 0);

  return (
    <section className="card card--flush" aria-labelledby="apps-title">
      <h2 id="apps-title" className="card__title card__title--padded">
        Your applications
      </h2>
      {reachable.length > 0 ? (
        <AppTable apps={reachable} labelledBy="apps-title" />
      ) : (
        <p className="empty">
          {loading
            ? 'Loading applications…'
            : apps.length === 0
              ? 'No private applications.'
              : 'None of the private applications is available to you.'}
        </p>
      )}
      {blockedCount > 0 ? (
        <Disclosure
          label={`${OUTCOME_VIEW.blocked!.label} applications (${blockedCount})`}
          className="apps-blocked"
        >
          {blocked.map((g) => (
            <BlockedGroupView key={g.code} title={g.title} code={g.code} apps={g.apps} />
          ))}
        </Disclosure>
      ) : null}
    </section>
  );
}

/**
 * The real-client view: the applications to open, nothing of the policy's verdict (a real user
 * learns it only by opening one).
 */
function PlainAppList({ apps, loading }: { apps: AppSummary[]; loading: boolean }) {
  return (
    <section className="card card--flush" aria-labelledby="apps-title">
      <h2 id="apps-title" className="card__title card__title--padded">
        Your applications
      </h2>
      {apps.length > 0 ? (
        <AppTable apps={apps} labelledBy="apps-title" insight={false} />
      ) : (
        <p className="empty">{loading ? 'Loading applications…' : 'No private applications.'}</p>
      )}
    </section>
  );
}

function BlockedGroupView({
  title,
  code,
  apps,
}: {
  title: string;
  code: string;
  apps: AppSummary[];
}) {
  const id = useId();
  return (
    <div className="apps-blocked__group">
      <p className="apps-blocked__reason">
        <span id={id} className="apps-blocked__title">
          {title}
        </span>{' '}
        <Code>{code}</Code>
      </p>
      <AppTable apps={apps} labelledBy={id} groupCode={code} />
    </div>
  );
}

/** The column headers, also each cell's label when the table is shown as cards (narrow). */
const COLUMNS = { ports: 'Ports', forwarding: 'Forwarding', access: 'Access' } as const;

function AppTable({
  apps,
  labelledBy,
  groupCode,
  insight = true,
}: {
  apps: AppSummary[];
  labelledBy: string;
  /** The code every row shares (said once above the table, not on each row). */
  groupCode?: string;
  /** With the policy's forwarding and access columns (insight view). */
  insight?: boolean;
}) {
  const { openApp } = useActions();
  const opening = useConnector((s) => ((s.busy.openApp ?? 0) > 0 ? s.lastOpen?.app : null));

  return (
    <table className="table table--stack table--apps" aria-labelledby={labelledBy}>
      <colgroup>
        <col />
        <col className="table--apps__ports" />
        {insight ? <col className="table--apps__forwarding" /> : null}
        {insight ? <col className="table--apps__access" /> : null}
        <col className="table--apps__actions" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Application</th>
          <th scope="col">{COLUMNS.ports}</th>
          {insight ? <th scope="col">{COLUMNS.forwarding}</th> : null}
          {insight ? <th scope="col">{COLUMNS.access}</th> : null}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {apps.map((a) => {
          const { outcome, code } = a.decision;
          const view = OUTCOME_VIEW[outcome] ?? { label: outcome, tone: 'neutral' as const };
          const showCode = outcome !== 'allowed' && outcome !== 'bypassed' && code !== groupCode;
          return (
            <tr key={a.app}>
              <th scope="row">
                <span className="app-name">{a.name}</span>
                <span className="app-host">{a.app}</span>
              </th>
              <td className="tabular" data-label={COLUMNS.ports}>
                <PortList ports={a.ports} />
              </td>
              {insight ? (
                <>
                  <td data-label={COLUMNS.forwarding}>
                    {FORWARDING_LABEL[a.forwarding] ?? a.forwarding}
                  </td>
                  <td data-label={COLUMNS.access}>
                    <StatusPill tone={view.tone}>{view.label}</StatusPill>
                    {showCode ? <Code className="app-code">{code}</Code> : null}
                  </td>
                </>
              ) : null}
              <td className="table__actions">
                <Button
                  busy={opening === a.app}
                  disabled={outcome === 'bypassed'}
                  title={
                    outcome === 'bypassed'
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
  );
}

/** "443, 8080–8090": each port or range kept on one line, the list wrapping between them. */
function PortList({ ports }: { ports: number[] }) {
  const items = portRanges(ports);
  if (items.length === 0) return <>—</>;
  return (
    <>
      {items.map((p, i) => (
        <Fragment key={p}>
          {i > 0 ? ', ' : null}
          <span className="nowrap">{p}</span>
        </Fragment>
      ))}
    </>
  );
}
