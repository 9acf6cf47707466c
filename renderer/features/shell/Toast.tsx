import { useEffect } from 'react';
import { Icon } from '../../components/icons';
import { useActions, useConnector } from '../../store';

const TOAST_MS = 6000;

/** The last pushed notification, briefly (one at a time: a new one replaces it). */
export function Toast() {
  const toast = useConnector((s) => s.toast);
  const { dismissToast } = useActions();
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(dismissToast, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, dismissToast]);

  return (
    <div className="toast-region" role="status" aria-label="Notification">
      {toast ? (
        <div className="toast">
          <Icon name="bell" />
          <p className="toast__text">{toast.text}</p>
          <button
            type="button"
            className="icon-btn"
            aria-label="Dismiss notification"
            onClick={dismissToast}
          >
            <Icon name="close" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
