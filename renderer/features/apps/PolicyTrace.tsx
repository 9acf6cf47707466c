import { Breakable } from '../../components/Code';
import { StatusPill } from '../../components/StatusPill';
import { readTrace } from './trace-model';

/**
 * The policy trace of a decision, step by step (segment, forwarding, SCIM, access rules with
 * each criterion matched / failed / skipped and why, timeout, result). Anything it does not
 * recognise is shown as formatted JSON.
 */
export function PolicyTrace({ trace }: { trace: unknown }) {
  if (trace === undefined || trace === null) {
    return <p className="hint">The cloud sent no policy trace for this decision.</p>;
  }
  const steps = readTrace(trace);
  if (!steps) {
    return (
      <pre className="trace-raw" aria-label="Policy trace">
        {JSON.stringify(trace, null, 2)}
      </pre>
    );
  }
  return (
    <ol className="trace" aria-label="Policy trace">
      {steps.map((s, i) => (
        <li key={i} className={`trace__step trace__step--${s.tone}`}>
          <div className="trace__head">
            <span className="trace__step-label">{s.stepLabel}</span>
            {s.resultLabel ? <StatusPill tone={s.tone}>{s.resultLabel}</StatusPill> : null}
            {s.rule ? <span className="trace__rule">{s.rule}</span> : null}
          </div>
          <p className="trace__message">
            <Breakable text={s.message} />
          </p>
          {s.criteria.length > 0 ? (
            <table className="trace__criteria">
              <caption className="visually-hidden">Criteria of {s.rule ?? s.stepLabel}</caption>
              <thead>
                <tr>
                  <th scope="col">Condition</th>
                  <th scope="col">Criterion</th>
                  <th scope="col">Result</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {s.criteria.map((c, j) => (
                  <tr key={j}>
                    <td className="tabular trace__condition" data-label="Condition">
                      {c.condition ?? '—'}
                    </td>
                    <td className="trace__criterion">
                      <Breakable text={c.label} />
                    </td>
                    <td className="trace__result">
                      <StatusPill tone={c.tone}>{c.resultLabel}</StatusPill>
                    </td>
                    <td className="trace__why">
                      <Breakable text={c.reason} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
