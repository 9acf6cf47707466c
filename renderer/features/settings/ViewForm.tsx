import { useState } from 'react';
import type { WindowView } from '../../../shared/contract/connector-names';
import { useActions, useBusy } from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';
import { VISIBLE_TO_ADMIN_IN } from '../insight/where';

const VIEW_CHOICES: { view: WindowView; label: string; hint: string }[] = [
  {
    view: 'real',
    label: 'Real client',
    hint: 'Exactly what the real Client Connector shows an end user: Service Status, Authentication Status, Network Type… and no internal codes.',
  },
  {
    view: 'insight',
    label: 'Simulator insight',
    hint: `Adds what only the admin sees, marked as simulator-only: error codes, causes and fixes, the policy trace, the IdP and SCIM state. In the real product these are in ${VISIBLE_TO_ADMIN_IN.diagnostics}.`,
  },
];

/** The window's view: saved at once with the connector's settings (a trainer may set it too). */
export function ViewForm({ current }: { current: WindowView }) {
  const { call } = useActions();
  const saving = useBusy('setSettings');
  // Its own failure, not the cloud form's (both save through setSettings).
  const [saveError, setSaveError] = useState<{ code: string; message: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const choose = async (view: WindowView) => {
    setSaved(null);
    const result = await call('setSettings', { view });
    if (result.ok) setSaved(`Saved: ${VIEW_CHOICES.find((c) => c.view === view)!.label} view.`);
    setSaveError(result.ok ? null : result.error);
  };

  return (
    <section className="card" aria-labelledby="view-title">
      <h2 id="view-title" className="card__title">
        Window view
      </h2>
      <fieldset className="choice" disabled={saving}>
        <legend>What the window shows</legend>
        {VIEW_CHOICES.map((c) => (
          <label key={c.view} className="choice__option">
            <input
              type="radio"
              name="window-view"
              value={c.view}
              checked={current === c.view}
              onChange={() => void choose(c.view)}
            />
            <span>
              <span className="choice__label">{c.label}</span>
              <span className="choice__hint">{c.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p role="status" className="form__saved">
        {saved ?? ''}
      </p>
      {saveError ? (
        <ErrorPanel
          code={saveError.code}
          detail={saveError.message}
          live
          headingLevel={3}
          className="card--inset"
        />
      ) : null}
    </section>
  );
}
