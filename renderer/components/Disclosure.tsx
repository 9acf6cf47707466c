import { useId, useState, type ReactNode } from 'react';
import { Icon } from './icons';

/** A button that shows and hides a panel (WAI-ARIA disclosure pattern). */
export function Disclosure({
  label,
  children,
  defaultOpen = false,
  className,
}: {
  label: string;
  children: ReactNode;
  defaultOpen?: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className={className ? `disclosure ${className}` : 'disclosure'}>
      <button
        type="button"
        className="disclosure__toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="chevron" className="disclosure__chevron" />
        {label}
      </button>
      <div id={id} className="disclosure__panel" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
