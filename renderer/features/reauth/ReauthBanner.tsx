import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import { Button } from '../../components/Button';
import { Countdown } from '../../components/Live';
import { Icon } from '../../components/icons';
import { formatMoment } from '../../lib/format';
import { bannerView, useActions, useBusy, useWindowView } from '../../store';

/**
 * The one reauthentication banner (domain.md §1.6): "will expire soon" with Authenticate Early
 * and a live countdown, or "requires you to reauthenticate" with Authenticate. There is one
 * instance in the layout and it shows one notice: a newer one replaces it, never stacks.
 */
export function ReauthBanner({ snapshot }: { snapshot: ConnectorSnapshot }) {
  const view = bannerView(snapshot);
  const { call } = useActions();
  const busy = useBusy('authenticate', 'authenticateEarly');
  // Why reauthentication is required is the admin's to know (insight view only).
  const insight = useWindowView() === 'insight';
  if (!view) return null;
  const tone = view.phase === 'required' ? 'warn' : 'info';

  return (
    <section className={`banner banner--${tone}`} aria-label="Reauthentication">
      <Icon name={view.phase === 'required' ? 'lock' : 'clock'} className="banner__icon" />
      <div className="banner__body">
        <p className="banner__text" role="status">
          {view.text}
        </p>
        <p className="banner__meta">
          {view.phase === 'warning' && view.expiresAt !== null ? (
            <>
              Access expires in <Countdown until={view.expiresAt} expired="a moment" /> (at{' '}
              {formatMoment(view.expiresAt)}).
            </>
          ) : null}
          {view.phase === 'required' ? (
            <>
              {insight ? (view.reasonText ?? '') : ''}
              {view.apps.length > 0 ? ` Applications: ${view.apps.join(', ')}.` : ''}
            </>
          ) : null}
        </p>
      </div>
      <div className="banner__actions">
        {view.authenticating ? (
          <span className="banner__progress">
            <span className="spinner" aria-hidden="true" /> Authenticating…
          </span>
        ) : (
          <Button
            variant={view.phase === 'required' ? 'primary' : 'secondary'}
            icon="lock"
            busy={busy}
            onClick={() => void call(view.action)}
          >
            {view.actionLabel}
          </Button>
        )}
      </div>
    </section>
  );
}
