import { useId, useState } from 'react';
import { Button } from '../../components/Button';
import { copyText, type CopyOutcome } from './copy-text';

/** "Copy details": copies the text, says so, and shows it for a manual copy if that failed. */
export function CopyButton({ text, label = 'Copy details' }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const manualId = useId();
  return (
    <div className="copy">
      <Button icon="copy" onClick={() => void copyText(text).then(setOutcome)}>
        {label}
      </Button>
      <span role="status" className="copy__status">
        {outcome === 'clipboard' || outcome === 'fallback'
          ? 'Copied to the clipboard.'
          : outcome === 'failed'
            ? 'Could not copy: select the text below and copy it.'
            : ''}
      </span>
      {outcome === 'failed' ? (
        <>
          <label className="visually-hidden" htmlFor={manualId}>
            Error details to copy
          </label>
          <textarea
            id={manualId}
            className="copy__manual"
            readOnly
            value={text}
            rows={Math.min(12, text.split('\n').length)}
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      ) : null}
    </div>
  );
}
