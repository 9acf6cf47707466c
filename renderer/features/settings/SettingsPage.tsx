import { useEffect, useId, useState, type FormEvent } from 'react';
import { Code } from '../../components/Code';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { useActions, useBusy, useConnector } from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';
import { checkCloudUrl } from './cloud-url';
import { ViewForm } from './ViewForm';

/** The window's view, and which cloud the connector talks to (bundled or remote). */
export function SettingsPage() {
  const { loadSettings } = useActions();
  const settings = useConnector((s) => s.settings);
  const loadError = useConnector((s) => s.errors.getSettings ?? null);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <>
      <PageHeader title="Settings" />
      {settings ? (
        <>
          <ViewForm current={settings.view} />
          <CloudForm current={settings.cloudUrl} bundled={settings.bundledCloudUrl} />
        </>
      ) : loadError ? (
        <ErrorPanel
          code={loadError.code}
          detail={loadError.message}
          at={loadError.at}
          className="card"
        />
      ) : (
        <p className="card empty">Loading settings…</p>
      )}
    </>
  );
}

function CloudForm({ current, bundled }: { current: string; bundled: string | null }) {
  const { call } = useActions();
  const saving = useBusy('setSettings');
  const saveError = useConnector((s) => s.errors.setSettings ?? null);
  const usesBundled = bundled !== null && current === bundled;
  const [mode, setMode] = useState<'bundled' | 'remote'>(usesBundled ? 'bundled' : 'remote');
  const [remote, setRemote] = useState(usesBundled ? '' : current);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const urlId = useId();
  const problemId = useId();
  const hintId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    let target: string;
    if (mode === 'bundled' && bundled) target = bundled;
    else {
      const checked = checkCloudUrl(remote);
      if (!checked.ok) {
        setProblem(checked.message);
        document.getElementById(urlId)?.focus();
        return;
      }
      target = checked.url;
    }
    setProblem(null);
    const result = await call('setSettings', { cloudUrl: target });
    if (result.ok) setSaved(`Saved. The connector now uses ${result.value.cloudUrl}.`);
  };

  return (
    <section className="card" aria-labelledby="cloud-title">
      <h2 id="cloud-title" className="card__title">
        Cloud
      </h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="choice">
          <legend>Private access cloud</legend>
          <label className={`choice__option ${bundled ? '' : 'choice__option--disabled'}`}>
            <input
              type="radio"
              name="cloud"
              value="bundled"
              checked={mode === 'bundled'}
              disabled={!bundled}
              onChange={() => setMode('bundled')}
            />
            <span>
              <span className="choice__label">Bundled cloud</span>
              <span className="choice__hint">
                {bundled ? <Code>{bundled}</Code> : 'This installation has no bundled cloud.'}
              </span>
            </span>
          </label>
          <label className="choice__option">
            <input
              type="radio"
              name="cloud"
              value="remote"
              checked={mode === 'remote'}
              onChange={() => setMode('remote')}
            />
            <span>
              <span className="choice__label">Remote cloud</span>
              <span className="choice__hint">A workshop or lab cloud at another address.</span>
            </span>
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={urlId}>Cloud URL</label>
          <input
            id={urlId}
            type="url"
            inputMode="url"
            spellCheck={false}
            autoCapitalize="none"
            placeholder="https://cloud.example.com"
            value={remote}
            disabled={mode !== 'remote'}
            onChange={(e) => {
              setRemote(e.target.value);
              setProblem(null);
            }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : hintId}
          />
          {problem ? (
            <p id={problemId} className="field__error">
              {problem}
            </p>
          ) : (
            <p id={hintId} className="field__hint">
              The connector reconnects to the cloud you choose; you may need to sign in again.
            </p>
          )}
        </div>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={saving}>
            Save
          </Button>
          <span role="status" className="form__saved">
            {saved ?? ''}
          </span>
        </div>
      </form>
      {saveError ? (
        <ErrorPanel
          code={saveError.code}
          detail={saveError.message}
          at={saveError.at}
          live
          headingLevel={3}
          className="card--inset"
        />
      ) : null}
    </section>
  );
}
