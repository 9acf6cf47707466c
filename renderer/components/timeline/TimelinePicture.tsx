import { useId } from 'react';
import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit';
import { Disclosure } from '../Disclosure';
import type { TimelineSource } from '../../../shared/model/timeline';
import { LANE_LABELS, formatMoment, layoutTimeline } from './timeline-layout';
import './timeline-picture.css';

/**
 * What happened, as a picture: one swimlane per source (IdP, SCIM, config, policy, broker,
 * client), every event placed on one time axis, the error's moment marked across the lanes.
 * The picture is for the eye; the same events are a table for screen readers and keyboards.
 */
export function TimelinePicture({
  events,
  label = 'What happened',
}: {
  events: readonly TimelineEvent[];
  label?: string;
}) {
  const captionId = useId();
  if (events.length === 0) {
    return <p className="timeline-empty">Nothing has happened yet for this user.</p>;
  }
  const layout = layoutTimeline(events);
  const span = layout.end - layout.start;
  const moment = layout.errorMoment;
  return (
    <figure className="timeline" aria-labelledby={captionId}>
      <div className="timeline__chart" aria-hidden="true">
        {layout.lanes.map((lane) => (
          <div key={lane.source} className="timeline__lane">
            <span className="timeline__lane-label">{lane.label}</span>
            <span className="timeline__track">
              {lane.events.map((e) => (
                <span
                  key={e.key}
                  className={e.error ? 'timeline__dot timeline__dot--error' : 'timeline__dot'}
                  style={{ left: `${e.x}%` }}
                  title={`${formatMoment(e.at, span)} ${e.code ? `${e.code}: ` : ''}${e.text}`}
                />
              ))}
            </span>
          </div>
        ))}
        <div className="timeline__axis">
          <span className="timeline__lane-label" />
          <span className="timeline__track">
            {layout.ticks.map((t, i) => (
              <span
                key={t.at}
                className={`timeline__tick timeline__tick--${i === 0 ? 'start' : i === layout.ticks.length - 1 ? 'end' : 'mid'}`}
                style={{ left: `${t.x}%` }}
              >
                {formatMoment(t.at, span)}
              </span>
            ))}
          </span>
        </div>
        {moment ? (
          <div className="timeline__marker-row">
            <span className="timeline__lane-label" />
            <span className="timeline__track timeline__track--overlay">
              <span className="timeline__marker" style={{ left: `${moment.x}%` }} />
            </span>
          </div>
        ) : null}
      </div>
      <figcaption id={captionId} className="timeline__caption">
        {/* The figure's name; the card or page around it shows the title already. */}
        <span className="timeline__sr-only">{label}: </span>
        {moment ? (
          <span className="timeline__moment">
            Error {moment.code ?? ''} at {formatMoment(moment.at, span)} (
            {LANE_LABELS[moment.source as TimelineSource]}): {moment.text}
          </span>
        ) : (
          <span className="timeline__moment timeline__moment--none">No error in this period.</span>
        )}
      </figcaption>
      <Disclosure
        label={`All ${events.length} events as a table`}
        className="timeline__table-toggle"
      >
        <EventTable events={events} span={span} label={label} />
      </Disclosure>
    </figure>
  );
}

function EventTable({
  events,
  span,
  label,
}: {
  events: readonly TimelineEvent[];
  span: number;
  label: string;
}) {
  return (
    <table className="timeline__table">
      <caption className="timeline__sr-only">{label}: every event in time order</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Source</th>
          <th scope="col">Code</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={`${i}-${e.at}`} className={e.error ? 'timeline__row--error' : undefined}>
            <td>
              <time dateTime={e.at}>{formatMoment(e.at, span)}</time>
            </td>
            <td>{LANE_LABELS[e.source as TimelineSource]}</td>
            <td>{e.code ?? '—'}</td>
            <td>
              {e.error ? <strong>Error: </strong> : null}
              {e.text}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
