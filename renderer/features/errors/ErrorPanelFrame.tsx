import { useId, type ReactNode } from 'react';
import { Icon } from '../../components/icons';

/**
 * The frame every error panel shares (the real client's and the insight view's): the alert
 * icon, the title as a heading that names the panel, then the panel's own lines. A live error
 * (one that just happened) is an alert; a standing one is a labelled region.
 */
export function ErrorPanelFrame({
  title,
  live,
  headingLevel,
  className,
  children,
}: {
  title: string;
  live: boolean;
  headingLevel: 2 | 3;
  className: string | undefined;
  children: ReactNode;
}) {
  const titleId = useId();
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
          {title}
        </Heading>
        {children}
      </div>
    </section>
  );
}

/** The buttons that fix the error (Retry, Authenticate), when there are any. */
export function ErrorPanelButtons({ actions }: { actions: ReactNode }) {
  return actions ? <div className="error-panel__buttons">{actions}</div> : null;
}
