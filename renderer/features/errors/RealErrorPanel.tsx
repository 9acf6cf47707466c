import { useId } from 'react';
import { describeError } from '../../../shared/errors';
import { Breakable, Code } from '../../components/Code';
import { Icon } from '../../components/icons';
import { useConnector } from '../../store';
import type { ErrorPanelProps } from './ErrorPanel';
import { realClientError } from './real-client-error';

/**
 * An error as the real client shows it to an end user: the state and what to do, the real
 * client's own codes (42xxx) and nothing of the admin's diagnostics.
 */
export function RealErrorPanel({
  code,
  reason,
  app,
  live = false,
  headingLevel = 2,
  actions,
  className,
}: ErrorPanelProps) {
  const titleId = useId();
  const vendor = useConnector((s) => s.snapshot?.session?.idpVendor);
  const shown = realClientError(describeError(code, reason, vendor), app);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section
      className={`error-panel ${className ?? ''}`.trim()}
      role={live ? 'alert' : undefined}
      aria-labelledby={titleId}
    >
      <div className="error-panel__icon">
        <Icon name="alert" />
      </div>
      <div className="error-panel__body">
        <Heading id={titleId} className="error-panel__title">
          {shown.title}
        </Heading>
        <p className="error-panel__message">
          <Breakable text={shown.message} />
        </p>
        {shown.code ? (
          <p className="error-panel__code">
            Error code <Code>{shown.code}</Code>
          </p>
        ) : null}
        {actions ? <div className="error-panel__buttons">{actions}</div> : null}
      </div>
    </section>
  );
}
