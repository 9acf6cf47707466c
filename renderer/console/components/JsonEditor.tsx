import { useId, useState, type FormEvent } from 'react';

/**
 * A labelled JSON text area with a submit button: the text must parse as JSON (said under the
 * field otherwise); the API then checks the shape and answers its own 400 in the alert.
 */
export function JsonEditor({
  label,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  rows = 12,
}: {
  label: string;
  initial: unknown;
  submitLabel: string;
  onSubmit(value: unknown): Promise<unknown>;
  onCancel?(): void;
  rows?: number;
}) {
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      setProblem(`Not JSON: ${(err as Error).message}`);
      return;
    }
    setProblem(null);
    void onSubmit(value);
  };
  return (
    <form onSubmit={submit} className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        spellCheck={false}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {problem ? (
        <p id={`${id}-problem`} className="error">
          {problem}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
