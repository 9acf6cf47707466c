import { VISIBLE_TO_ADMIN_IN, type InsightTopic } from './where';

/**
 * The mark on everything the real client does not show: it must never be taken for the real UI.
 * Says where an admin sees the same thing in the real product.
 */
export function InsightNote({ topic }: { topic: InsightTopic }) {
  return (
    <p className="insight-note">
      <span className="insight-note__badge">Simulator insight</span>{' '}
      <span className="insight-note__text">
        Not shown by the real client. In the real client this is visible to your admin in{' '}
        {VISIBLE_TO_ADMIN_IN[topic]}.
      </span>
    </p>
  );
}
