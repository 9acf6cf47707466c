import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { ProgressView } from '../api/views';
import { formatTime } from './format';
import { useConsole } from '../context';

const POLL_RUNNING_MS = 1000;
const POLL_IDLE_MS = 5000;

/**
 * The running (or last) push of an IdP as a progress bar: objects done of the total, failures,
 * rate. Polls the contract's provisioningProgress route, faster while a push runs. Shows nothing
 * before the first push, and nothing when the cloud has no such route (404): the bar is a help,
 * not a page of its own.
 */
export function ProvisioningProgress({ idpId }: { idpId: string }) {
  const { api } = useConsole();
  const [progress, setProgress] = useState<ProgressView | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = async () => {
      let next: ProgressView | null = null;
      try {
        next = await api.call('provisioningProgress', { params: { id: idpId } });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return; // not served here: stop asking
      }
      if (!live) return;
      setProgress(next);
      timer = setTimeout(() => void poll(), next?.running ? POLL_RUNNING_MS : POLL_IDLE_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, idpId]);

  if (!progress || (progress.startedAt === null && !progress.running)) return null;
  const { done, total, failed, perSecond, running } = progress;
  return (
    <section className="card" aria-labelledby="progress-title">
      <h3 id="progress-title">{running ? 'Push in progress' : 'Last push'}</h3>
      <progress
        aria-labelledby="progress-title"
        aria-describedby="progress-figures"
        max={Math.max(total, 1)}
        value={Math.min(done, total)}
      />
      <p id="progress-figures" className="row small">
        <span>
          {done} of {total} done
        </span>
        <span className={failed > 0 ? 'badge bad' : 'badge'}>{failed} failed</span>
        <span>{perSecond.toFixed(1)} per second</span>
        <span className="muted">
          started {formatTime(progress.startedAt)}
          {progress.finishedAt ? `, finished ${formatTime(progress.finishedAt)}` : ''}
        </span>
      </p>
    </section>
  );
}
