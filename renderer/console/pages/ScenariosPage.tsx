import { useEffect, useState } from 'react';
import type {
  ScenarioRun as Run,
  ScenarioSummary as Summary,
} from '../../../shared/contract/cloud-api/cockpit.js';
import { Badge } from '../components/Table';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';

/** The steps of a run, each with its result and what was seen. */
function Steps({ run }: { run: Run }) {
  const label = `${run.phase === 'reproduce' ? 'Reproduce' : 'Fix'} steps`;
  return (
    <section aria-label={label}>
      <h3>
        {label}: {run.passed} passed, {run.failed} failed
      </h3>
      <ol>
        {run.steps.map((s, i) => (
          <li key={i}>
            <Badge on={s.ok} yes="Passed" no="Failed" /> <strong>{s.kind}</strong> {s.title}
            {s.detail ? <div className="muted small">{s.detail}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ScenarioCard({ scenario }: { scenario: Summary }) {
  const { api, run, announce, reloadIdps } = useConsole();
  const [fix, setFix] = useState(scenario.fixes[0]?.id ?? '');
  const [runs, setRuns] = useState<Run[]>([]);
  const [busy, setBusy] = useState<'reproduce' | 'fix' | null>(null);
  /** The steps of the phase running, as the cloud reports them while it runs. */
  const [live, setLive] = useState<Run | null>(null);
  const reproduced = runs[0]?.phase === 'reproduce' && runs[0].failed === 0;

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      api.call('scenarioProgress', { params: { id: scenario.id } }).then(
        (p) => setLive(p.running && p.phase === busy ? p : null),
        () => undefined, // not started yet: the next poll will tell
      );
    }, 400);
    return () => clearInterval(timer);
  }, [api, busy, scenario.id]);

  const go = (phase: 'reproduce' | 'fix') => {
    setBusy(phase);
    setRuns((before) => (phase === 'reproduce' ? [] : before.slice(0, 1)));
    announce(`${phase === 'reproduce' ? 'Reproducing' : 'Applying the fix of'} ${scenario.title}…`);
    void run(async () => {
      const params = { id: scenario.id };
      const result =
        phase === 'reproduce'
          ? await api.call('reproduceScenario', { params })
          : await api.call('fixScenario', { params, body: { fix } });
      setRuns((before) => (phase === 'reproduce' ? [result] : [before[0]!, result]));
      announce(`${scenario.id}: ${result.passed} passed, ${result.failed} failed.`);
      await reloadIdps(); // a reproduce resets the tenant: new IdPs
    }).finally(() => {
      setBusy(null);
      setLive(null);
    });
  };

  return (
    <section className="panel" aria-labelledby={`scenario-${scenario.id}`}>
      <h2 id={`scenario-${scenario.id}`}>{scenario.title}</h2>
      <p>{scenario.summary}</p>
      <p className="muted small">
        For {scenario.audience.join(', ')}. {scenario.user} sees: Service Status{' '}
        {scenario.symptom.serviceStatus}, Authentication Status{' '}
        {scenario.symptom.authenticationStatus}
        {scenario.symptom.code ? ` (${scenario.symptom.code})` : ''}.
      </p>
      <div className="row actions">
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() => go('reproduce')}
        >
          Reproduce
        </button>
        <label>
          Fix{' '}
          <select value={fix} onChange={(e) => setFix(e.target.value)}>
            {scenario.fixes.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy !== null || !reproduced} onClick={() => go('fix')}>
          Apply fix
        </button>
      </div>
      {busy ? (
        <p role="status" aria-busy="true">
          Running…
        </p>
      ) : null}
      {runs.map((r) => (
        <Steps key={r.phase} run={r} />
      ))}
      {/* The live steps until the phase's result is in (reloading the IdPs after it takes a while). */}
      {busy && live && !runs.some((r) => r.phase === busy) ? <Steps run={live} /> : null}
    </section>
  );
}

function Scenarios() {
  const { api } = useConsole();
  const scenarios = useLoad('scenarios', () => api.call('listScenarios'));
  if (!scenarios.data) return <p>Loading…</p>;
  return (
    <>
      {scenarios.data.map((s) => (
        <ScenarioCard key={s.id} scenario={s} />
      ))}
    </>
  );
}

export const scenariosPage: ConsolePage = {
  id: 'scenarios',
  title: 'Scenarios',
  description:
    'Known customer situations: Reproduce resets the tenant and shows the symptom on a real connector; Apply fix does what the admin would',
  Component: Scenarios,
};
