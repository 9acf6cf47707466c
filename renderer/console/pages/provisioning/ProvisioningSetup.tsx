import { useState, type FormEvent } from 'react';
import type { IdpView, ProvisioningConfigView, TestConnectionView } from '../../api/views';
import { useConsole } from '../../context';
import {
  TO_APP_SWITCHES,
  type ToAppSettings,
} from '../../../../shared/contract/cloud-api/provisioning-views.js';
import { OPTION_LABELS, PASTE_LABELS, TO_APP_LABELS } from './vendor-words';

type Options = Record<string, unknown>;

/** One vendor option as a control of its kind: a tick, a number or a word. */
function OptionField({
  name,
  value,
  onChange,
}: {
  name: string;
  value: unknown;
  onChange(v: unknown): void;
}) {
  const id = `option-${name}`;
  const label = OPTION_LABELS[name] ?? name;
  if (typeof value === 'boolean') {
    return (
      <div className="check">
        <input
          id={id}
          type="checkbox"
          checked={value}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={typeof value === 'number' ? 'number' : 'text'}
        value={String(value ?? '')}
        onChange={(e) =>
          onChange(typeof value === 'number' ? Number(e.target.value) : e.target.value)
        }
      />
    </div>
  );
}

/**
 * The IdP side of provisioning, as in Okta, Entra or Ping: the cloud's SCIM Service Provider
 * Endpoint and token pasted in, the vendor's options, Test connection, and the switch. The
 * token field stays empty: the IdP never shows a saved token again (empty keeps it).
 */
export function ProvisioningSetup({
  idp,
  config,
  onSaved,
}: {
  idp: IdpView;
  config: ProvisioningConfigView;
  onSaved(): void;
}) {
  const { api, run, announce } = useConsole();
  const words = PASTE_LABELS[idp.vendor];
  const [enabled, setEnabled] = useState(config.enabled);
  const [baseUrl, setBaseUrl] = useState(config.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [options, setOptions] = useState<Options>(config.vendorOptions);
  const [toApp, setToApp] = useState<ToAppSettings | null>(config.toApp);
  const [test, setTest] = useState<TestConnectionView | null>(null);

  const pasted = () => ({
    ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
    ...(token.trim() ? { token: token.trim() } : {}),
  });

  const testConnection = () =>
    run(async () => {
      setTest(null);
      const result = await api.call('testProvisioningConnection', {
        params: { id: idp.id },
        body: pasted(),
      });
      setTest(result);
      announce(result.message);
    });

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.call('configureProvisioning', {
        params: { id: idp.id },
        body: {
          enabled,
          baseUrl: baseUrl.trim() || null,
          ...pasted(),
          vendorOptions: options,
          ...(toApp ? { toApp } : {}),
        },
      });
      setToken('');
      announce(`Provisioning ${enabled ? 'enabled' : 'saved (disabled)'} for ${idp.name}.`);
      onSaved();
    });
  };

  return (
    <form className="card" onSubmit={save} aria-labelledby="setup-title">
      <h3 id="setup-title">Provisioning to the cloud ({idp.vendor})</h3>
      <p className="muted small">
        Paste the SCIM Service Provider Endpoint and the token generated on the IdP Configuration
        page.
      </p>
      <div className="field">
        <label htmlFor="prov-url">{words.url}</label>
        <input
          id="prov-url"
          type="text"
          className="wide mono"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="prov-token">{words.token}</label>
        <input
          id="prov-token"
          type="password"
          autoComplete="off"
          className="wide mono"
          value={token}
          aria-describedby="prov-token-hint"
          onChange={(e) => setToken(e.target.value)}
        />
        <p id="prov-token-hint" className="muted small">
          {config.tokenSet ? 'A token is saved; leave empty to keep it.' : 'No token saved yet.'}
        </p>
      </div>
      <fieldset>
        <legend>Options</legend>
        {Object.entries(options).map(([name, value]) => (
          <OptionField
            key={name}
            name={name}
            value={value}
            onChange={(v) => setOptions((o) => ({ ...o, [name]: v }))}
          />
        ))}
      </fieldset>
      {toApp ? (
        <fieldset>
          <legend>To App</legend>
          {TO_APP_SWITCHES.map((name) => (
            <div className="check" key={name}>
              <input
                id={`to-app-${name}`}
                type="checkbox"
                checked={toApp[name]}
                onChange={(e) => setToApp({ ...toApp, [name]: e.target.checked })}
              />
              <label htmlFor={`to-app-${name}`}>{TO_APP_LABELS[name]}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <div className="check">
        <input
          id="prov-enabled"
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <label htmlFor="prov-enabled">Enable provisioning to the cloud</label>
      </div>
      <div className="row actions">
        <button type="button" onClick={() => void testConnection()}>
          Test connection
        </button>
        <button type="submit" className="primary">
          Save provisioning
        </button>
      </div>
      {test ? (
        <div
          role="note"
          aria-label="Test connection result"
          className={test.ok ? 'badge on' : 'error'}
        >
          {test.message}
        </div>
      ) : null}
    </form>
  );
}
