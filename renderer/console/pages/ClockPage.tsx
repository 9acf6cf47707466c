import { useState, type FormEvent } from 'react';
import type { ClockView } from '../api/views';
import { formatOffset, formatTime } from '../components/format';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';

/** The quick steps of a demo: what waits for time (timeouts, sync cycles) comes due. */
const STEPS = [
  { label: '+10 min', by: { minutes: 10 } },
  { label: '+1 hour', by: { hours: 1 } },
  { label: '+8 hours', by: { hours: 8 } },
  { label: '+1 day', by: { days: 1 } },
] as const;

/** "2026-12-07T09:30" (a datetime-local value, read as UTC) → "2026-12-07T09:30:00Z", or null. */
function isoFromLocal(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?$/.exec(value);
  return m ? `${m[1]}${m[2] ?? ':00'}Z` : null;
}

function Clock() {
  const { api, run, announce } = useConsole();
  const [shown, setShown] = useState<ClockView | null>(null);
  const { data } = useLoad('clock', () => api.call('clock'));
  const clock = shown ?? data;
  const [at, setAt] = useState('');

  const apply = (action: () => Promise<ClockView>, said: string) =>
    run(async () => {
      setShown(await action());
      announce(said);
    });

  const setTo = (e: FormEvent) => {
    e.preventDefault();
    const iso = isoFromLocal(at);
    if (!iso) {
      announce('Give a date and time.');
      return;
    }
    void apply(
      () => api.call('setClock', { body: { at: iso } }),
      `Clock set to ${formatTime(iso)}.`,
    );
  };

  return (
    <>
      <div className="card">
        <p className="row">
          <span>
            Simulated time: <output aria-label="Simulated time">{formatTime(clock?.now)}</output>
          </span>
          <span className="muted">({clock ? formatOffset(clock.offsetMs) : '…'})</span>
        </p>
        <div className="row" role="group" aria-label="Advance the clock">
          {STEPS.map((s) => (
            <button
              key={s.label}
              type="button"
              onClick={() =>
                void apply(
                  () => api.call('advanceClock', { body: s.by }),
                  `Clock advanced ${s.label}.`,
                )
              }
            >
              {s.label}
            </button>
          ))}
        </div>
      </div>

      <form className="card" onSubmit={setTo} aria-labelledby="clock-set-title">
        <h3 id="clock-set-title">Set the clock</h3>
        <div className="row">
          <label htmlFor="clock-at">Date and time (UTC)</label>
          <input
            id="clock-at"
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.target.value)}
            required
          />
          <button type="submit">Set the clock</button>
        </div>
        <p className="muted small">Not before real time; the clock never passes the year 9999.</p>
      </form>

      <div className="card">
        <h3>Real time</h3>
        <p className="muted small">
          Puts the clock back to the real time, for the next demo. Timestamps recorded while it was
          ahead stay as they were.
        </p>
        <button
          type="button"
          onClick={() => void apply(() => api.call('realTimeClock'), 'Clock back to real time.')}
        >
          Back to real time
        </button>
      </div>
    </>
  );
}

export const clockPage: ConsolePage = {
  id: 'clock',
  title: 'Clock',
  description: 'The simulated clock: timeouts, sync cycles and token lifetimes follow it.',
  Component: Clock,
};
