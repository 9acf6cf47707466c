import { formatElapsed, formatRemaining, isoOf } from '../lib/format';
import { useCloudNow } from '../store';

/** Time since `since` (a cloud time), ticking ("00:04:09"). */
export function Elapsed({ since }: { since: number }) {
  const now = useCloudNow();
  return (
    <time className="tabular" dateTime={`PT${Math.max(0, Math.floor((now - since) / 1000))}S`}>
      {formatElapsed(now - since)}
    </time>
  );
}

/** Time left until `until`, ticking ("14 min 05 s"); `expired` once it has passed. */
export function Countdown({ until, expired = 'now' }: { until: number; expired?: string }) {
  const now = useCloudNow();
  const left = until - now;
  return (
    <time className="tabular" dateTime={isoOf(until)}>
      {left > 0 ? formatRemaining(left) : expired}
    </time>
  );
}
