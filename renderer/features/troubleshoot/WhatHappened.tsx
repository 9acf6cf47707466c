import { useEffect, useState } from 'react';
import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit';
import { Button } from '../../components/Button';
import { TimelinePicture } from '../../components/timeline/TimelinePicture';
import { useActions, useBusy, useConnector } from '../../store';

/**
 * Troubleshoot → What happened: the signed-in user's timeline (every source, from the cloud; the
 * client's own transitions when the cloud cannot say), loaded when the page opens and again when
 * the status changes or on Refresh.
 */
export function WhatHappened() {
  const { call } = useActions();
  const loading = useBusy('getTimeline');
  const [events, setEvents] = useState<TimelineEvent[] | null>(null);
  // A new status is a new event on the timeline: load it again.
  const status = useConnector((s) => `${s.snapshot?.service.status}|${s.snapshot?.auth.status}`);

  // Refresh asks for it again; the answer of a superseded request is dropped.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    void call('getTimeline').then((result) => {
      if (current && result.ok) setEvents(result.value);
    });
    return () => {
      current = false;
    };
  }, [call, status, reloads]);

  return (
    <section className="card" aria-labelledby="what-happened-title">
      <div className="timeline-head">
        <h2 id="what-happened-title" className="card__title">
          What happened
        </h2>
        <Button icon="refresh" busy={loading} onClick={() => setReloads((n) => n + 1)}>
          Refresh
        </Button>
      </div>
      {events === null ? (
        <p className="timeline-empty">
          {loading ? 'Loading…' : 'The timeline could not be loaded.'}
        </p>
      ) : (
        <TimelinePicture events={events} />
      )}
    </section>
  );
}
