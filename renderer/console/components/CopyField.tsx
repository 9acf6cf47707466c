import { useId, useRef } from 'react';
import { useConsole } from '../context';

/**
 * A read-only value with a Copy button: the clipboard when the browser allows it, else the
 * value selected, with a hint to press Ctrl+C.
 */
export function CopyField({
  label,
  value,
  copyLabel,
}: {
  label: string;
  value: string;
  copyLabel: string;
}) {
  const { announce } = useConsole();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      announce(`${label} copied.`);
    } catch {
      input.current?.focus();
      input.current?.select();
      announce(`${label} selected: press Ctrl+C (or Cmd+C) to copy.`);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input id={id} ref={input} type="text" readOnly className="wide mono" value={value} />
        <button type="button" aria-label={copyLabel} onClick={() => void copy()}>
          Copy
        </button>
      </div>
    </div>
  );
}
