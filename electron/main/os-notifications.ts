/** The core's notifications as OS notifications, one per id (a new one replaces the last). */
import { Notification } from 'electron';
import type { ConnectorSnapshot } from '../../shared/contract/snapshot.js';
import type { ClientNotification, NotificationAction } from '../../shared/state/types.js';
import { osNotificationFor } from '../connector/host/presentation.js';

export function createOsNotifications(opts: {
  icon?: string;
  snapshot: () => ConnectorSnapshot;
  onClick: () => void;
  onAction: (action: NotificationAction) => void;
}) {
  const shown = new Map<string, Notification>();
  return {
    show(n: ClientNotification) {
      if (!Notification.isSupported()) return;
      const view = osNotificationFor(n, opts.snapshot());
      shown.get(view.id)?.close();
      const note = new Notification({
        title: view.title,
        body: view.body,
        urgency: view.urgency,
        ...(opts.icon ? { icon: opts.icon } : {}),
        ...(view.action ? { actions: [{ type: 'button' as const, text: view.action.label }] } : {}),
      });
      note.on('click', () => (view.action ? opts.onAction(view.action) : opts.onClick()));
      note.on('action', () => view.action && opts.onAction(view.action));
      note.on('close', () => {
        if (shown.get(view.id) === note) shown.delete(view.id);
      });
      shown.set(view.id, note);
      note.show();
    },
    dismiss(id: string) {
      shown.get(id)?.close();
      shown.delete(id);
    },
    closeAll() {
      for (const n of shown.values()) n.close();
      shown.clear();
    },
  };
}
