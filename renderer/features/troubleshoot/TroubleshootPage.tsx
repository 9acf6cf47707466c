import { useId, useState, type ReactNode } from 'react';
import type { ConnectorCall } from '../../../shared/contract/connector-contract';
import { LOG_LEVELS } from '../../../shared/contract/connector-names';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { useActions, useBusy, useConnector } from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';
import { base64ToBytes, saveFile } from './download';
import { WhatHappened } from './WhatHappened';

type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_LEVEL_LABEL: Record<LogLevel, string> = {
  error: 'Error',
  warn: 'Warn',
  info: 'Info',
  debug: 'Debug',
};

const ACTION_CALLS = ['exportLogs', 'updatePolicy', 'restartService', 'setLogLevel'] as const;

/** More → Troubleshoot (domain.md §1.1, §1.7). */
export function TroubleshootPage({ signedIn }: { signedIn: boolean }) {
  const { call, openDialog } = useActions();
  const [done, setDone] = useState<string | null>(null);
  const [level, setLevel] = useState<LogLevel>('info');
  const levelId = useId();
  const exporting = useBusy('exportLogs');
  const updating = useBusy('updatePolicy');
  const restarting = useBusy('restartService');

  const exportLogs = async () => {
    setDone(null);
    const result = await call('exportLogs');
    if (!result.ok) return;
    try {
      saveFile(result.value.fileName, base64ToBytes(result.value.base64));
      setDone(`Logs exported: ${result.value.fileName}`);
    } catch {
      setDone('The logs could not be saved as a file.');
    }
  };

  const run = async (name: 'updatePolicy' | 'restartService', message: string) => {
    setDone(null);
    const result = await call(name);
    if (result.ok) {
      setDone(
        name === 'updatePolicy' && Array.isArray(result.value)
          ? `Policy updated: ${result.value.length} application${result.value.length === 1 ? '' : 's'}.`
          : message,
      );
    }
  };

  const changeLevel = async (next: LogLevel) => {
    const before = level;
    setLevel(next);
    setDone(null);
    const result = await call('setLogLevel', { level: next });
    if (result.ok) setDone(`Log mode set to ${LOG_LEVEL_LABEL[next]} for this session.`);
    else setLevel(before);
  };

  return (
    <>
      <PageHeader
        title="Troubleshoot"
        lead="Collect logs and fix common problems. Your administrator may ask you for these."
      />
      <p role="status" aria-live="polite" className={done ? 'notice notice--ok' : 'notice-empty'}>
        {done ?? ''}
      </p>
      <section className="card" aria-labelledby="support-title">
        <h2 id="support-title" className="card__title">
          Support
        </h2>
        <div className="action-list">
          <ActionRow
            title="Contact support"
            text="Send a report to your support team. Your logs are attached."
          >
            <Button variant="primary" onClick={() => openDialog('reportIssue')}>
              Report an Issue
            </Button>
          </ActionRow>
          <ActionRow
            title="Client logs"
            text="Save the client log and a state snapshot as a ZIP file. Secrets are removed."
          >
            <Button icon="download" busy={exporting} onClick={() => void exportLogs()}>
              Export Logs
            </Button>
          </ActionRow>
          <ActionRow
            title="Log Mode"
            text="How much the client logs. Applies to this session only; the next session uses your administrator's default."
          >
            <label className="visually-hidden" htmlFor={levelId}>
              Log Mode
            </label>
            <select
              id={levelId}
              value={level}
              onChange={(e) => void changeLevel(e.target.value as LogLevel)}
            >
              {LOG_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {LOG_LEVEL_LABEL[l]}
                </option>
              ))}
            </select>
          </ActionRow>
        </div>
      </section>
      <section className="card" aria-labelledby="repair-title">
        <h2 id="repair-title" className="card__title">
          Service
        </h2>
        <div className="action-list">
          <ActionRow title="Policy" text="Download your applications and policy again now.">
            <Button
              icon="refresh"
              busy={updating}
              disabled={!signedIn}
              onClick={() => void run('updatePolicy', 'Policy updated.')}
            >
              Update Policy
            </Button>
          </ActionRow>
          <ActionRow
            title="Restart"
            text="Restart the tunnel. Private Access is briefly interrupted."
          >
            <Button
              icon="power"
              busy={restarting}
              onClick={() => void run('restartService', 'Service restarted.')}
            >
              Restart Service
            </Button>
          </ActionRow>
        </div>
      </section>
      <WhatHappened />
      <ActionErrors />
    </>
  );
}

function ActionRow({
  title,
  text,
  children,
}: {
  title: string;
  text: string;
  children: ReactNode;
}) {
  return (
    <div className="action-row">
      <div className="action-row__body">
        <h3 className="action-row__title">{title}</h3>
        <p className="action-row__text">{text}</p>
      </div>
      <div className="action-row__control">{children}</div>
    </div>
  );
}

function ActionErrors() {
  const errors = useConnector((s) => s.errors);
  return (
    <>
      {ACTION_CALLS.map((c: ConnectorCall) => errors[c])
        .filter((e) => e !== undefined)
        .map((e) => (
          <ErrorPanel
            key={`${e.code}-${e.at}`}
            code={e.code}
            detail={e.message}
            at={e.at}
            live
            className="card"
          />
        ))}
    </>
  );
}
