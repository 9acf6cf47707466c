/**
 * The workshop's live feed (Server-Sent Events, GET /api/admin/workshop/events): a snapshot of
 * every attendee's row, then each row that changed; no polling.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import type { z } from 'zod';
import type {
  attendeeStatus,
  workshopFeedMessage,
} from '../../../../shared/contract/cloud-api/workshop.js';
import { cloudBasePath } from '../../api/client';
import { adminToken } from '../../api/token';

export type AttendeeRow = z.output<typeof attendeeStatus>;
type FeedMessage = z.output<typeof workshopFeedMessage>;

/** Follows the live feed: the rows by attendee, or null while there is no feed (no workshop). */
export function useWorkshopFeed(): Map<number, AttendeeRow> | null {
  const [rows, setRows] = useState<Map<number, AttendeeRow> | null>(null);
  const onMessage = useEffectEvent((m: FeedMessage) =>
    setRows((prev) =>
      m.type === 'snapshot'
        ? new Map(m.attendees.map((r) => [r.attendee, r]))
        : new Map(prev ?? []).set(m.status.attendee, m.status),
    ),
  );
  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      const res = await fetch(`${cloudBasePath()}/api/admin/workshop/events`, {
        headers: { authorization: `Bearer ${adminToken.get() ?? ''}` },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (!res.ok || !res.body) return;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data) onMessage(JSON.parse(data) as FeedMessage);
        }
      }
    })().catch(() => undefined);
    return () => abort.abort();
  }, []);
  return rows;
}
