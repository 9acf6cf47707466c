import { describeError } from '../../../shared/errors';
import { Breakable, Code } from '../../components/Code';
import { useConnector } from '../../store';
import type { ErrorPanelProps } from './ErrorPanel';
import { ErrorPanelButtons, ErrorPanelFrame } from './ErrorPanelFrame';
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
  const vendor = useConnector((s) => s.snapshot?.session?.idpVendor);
  const shown = realClientError(describeError(code, reason, vendor), app);
  return (
    <ErrorPanelFrame
      title={shown.title}
      live={live}
      headingLevel={headingLevel}
      className={className}
    >
      <p className="error-panel__message">
        <Breakable text={shown.message} />
      </p>
      {shown.code ? (
        <p className="error-panel__code">
          Error code <Code>{shown.code}</Code>
        </p>
      ) : null}
      <ErrorPanelButtons actions={actions} />
    </ErrorPanelFrame>
  );
}
