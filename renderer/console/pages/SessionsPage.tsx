import { useState } from 'react';
import type { SessionView } from '../api/views';
import { formatTime } from '../components/format';
import { Badge, Table } from '../components/Table';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';

/** What the client shows for its authentication, from the session the cloud keeps. */
function authentication(s: SessionView): { text: string; tone: 'on' | 'warn' | 'bad' } {
  if (s.terminated) return { text: `Ended (${s.terminated.code})`, tone: 'bad' };
  if (s.reauthRequired)
    return { text: `Reauth required (${s.reauthRequired.reason})`, tone: 'warn' };
  return { text: 'Authenticated', tone: 'on' };
}

/** The last thing that went wrong for the session, in the cloud's words. */
const lastError = (s: SessionView): string =>
  s.terminated
    ? `${s.terminated.code}: ${s.terminated.reason} (${formatTime(s.terminated.at)})`
    : s.scimStatus === 'absent' || s.scimStatus === 'inactive'
      ? `SCIM user ${s.scimStatus}: app access fails (BRK_MT_SETUP_FAIL_SCIM_INACTIVE)`
      : '—';

function Sessions() {
  const { api, run, announce, idps } = useConsole();
  const [idpId, setIdpId] = useState('');
  const { data, reload } = useLoad(`sessions|${idpId}`, () =>
    api.call('listSessions', { query: idpId ? { idpId } : {} }),
  );

  const act = (done: string, action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      announce(done);
      reload();
    });

  return (
    <>
      <div className="row">
        <label htmlFor="sessions-idp">IdP</label>
        <select id="sessions-idp" value={idpId} onChange={(e) => setIdpId(e.target.value)}>
          <option value="">All IdPs</option>
          {idps.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={reload}>
          Refresh sessions
        </button>
      </div>
      <Table<SessionView>
        label="Connector sessions"
        rows={data}
        rowKey={(s) => s.id}
        empty="No connector session."
        columns={[
          { header: 'User', cell: (s) => s.userName },
          { header: 'IdP', cell: (s) => s.idpName },
          {
            header: 'Channel',
            cell: (s) => <Badge on={s.connected} yes="Connected" no="Not connected" />,
          },
          {
            header: 'Authentication',
            cell: (s) => {
              const a = authentication(s);
              return <span className={`badge ${a.tone}`}>{a.text}</span>;
            },
          },
          {
            header: 'SCIM',
            cell: (s) => `${s.scimStatus}${s.scimReady ? '' : ' (not SCIM-ready)'}`,
          },
          { header: 'Open connections', cell: (s) => s.connections },
          { header: 'Signed in', cell: (s) => formatTime(s.authTime) },
          { header: 'Expires', cell: (s) => formatTime(s.expiresAt) },
          { header: 'Last error', cell: lastError },
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (s) => (
              <>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Revoke the session of ${s.userName}`}
                  disabled={s.terminated !== null}
                  onClick={() =>
                    void act(`Revoked the session of ${s.userName}.`, () =>
                      api.call('revokeSession', { params: { id: s.id } }),
                    )
                  }
                >
                  Revoke
                </button>
                <button
                  type="button"
                  aria-label={`Drop the push channel of ${s.userName}`}
                  disabled={!s.connected}
                  onClick={() =>
                    void act(`Dropped the push channel of ${s.userName}: it reconnects.`, () =>
                      api.call('dropSessionChannel', { params: { id: s.id } }),
                    )
                  }
                >
                  Drop channel
                </button>
              </>
            ),
          },
        ]}
      />
    </>
  );
}

export const sessionsPage: ConsolePage = {
  id: 'sessions',
  title: 'Sessions',
  description: 'Who is connected, how their sessions stand, and what last went wrong.',
  Component: Sessions,
};
