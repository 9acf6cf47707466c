import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IdpView } from '../../api/views';
import { CopyField } from '../../components/CopyField';
import { useConsole } from '../../context';

interface Draft {
  scimSyncEnabled: boolean;
  scimAttributesForPolicy: boolean;
}

const draftOf = (idp: IdpView): Draft => ({
  scimSyncEnabled: idp.scimSyncEnabled,
  scimAttributesForPolicy: idp.scimAttributesForPolicy,
});

/**
 * The Edit panel, in the seed's order: Enabled for SCIM Sync, the SCIM Service Provider
 * Endpoint to copy, Generate New Token (shown once), the optional Enabled for SCIM Attributes
 * for Policy, Save. The ticks are the admin's draft until Save: generating a token (which takes
 * effect at once, as in the real portal) keeps them.
 */
export function IdpEditPanel({ idp, onClose }: { idp: IdpView; onClose(): void }) {
  const { api, run, announce, replaceIdp } = useConsole();
  const [draft, setDraft] = useState<Draft>(() => draftOf(idp));
  const [token, setToken] = useState<string | null>(null);
  const syncBox = useRef<HTMLInputElement>(null);
  useEffect(() => syncBox.current?.focus(), []);

  const setSync = (on: boolean) =>
    // SCIM Attributes for Policy needs SCIM Sync; turning Sync off turns it off too (as the API does).
    setDraft((d) => ({
      scimSyncEnabled: on,
      scimAttributesForPolicy: on && d.scimAttributesForPolicy,
    }));

  const generate = () =>
    run(async () => {
      const { token: value } = await api.call('generateScimToken', { params: { id: idp.id } });
      setToken(value);
      replaceIdp(await api.call('getIdp', { params: { id: idp.id } }));
      announce('New SCIM token generated. The previous token no longer works.');
    });

  const save = (e: FormEvent) => {
    e.preventDefault();
    const patch: Partial<Draft> = {};
    if (draft.scimSyncEnabled !== idp.scimSyncEnabled)
      patch.scimSyncEnabled = draft.scimSyncEnabled;
    if (draft.scimAttributesForPolicy !== idp.scimAttributesForPolicy)
      patch.scimAttributesForPolicy = draft.scimAttributesForPolicy;
    if (Object.keys(patch).length === 0) {
      announce('Nothing to save.');
      return;
    }
    void run(async () => {
      try {
        const updated = await api.call('updateIdp', { params: { id: idp.id }, body: patch });
        replaceIdp(updated);
        setDraft(draftOf(updated));
        announce(`Saved ${updated.name}.`);
      } catch (err) {
        // Show what the cloud really has now (another admin may have changed it).
        const now = await api.call('getIdp', { params: { id: idp.id } }).catch(() => null);
        if (now) {
          replaceIdp(now);
          setDraft(draftOf(now));
        }
        throw err;
      }
    });
  };

  return (
    <section className="panel" aria-labelledby="edit-title">
      <h3 id="edit-title">Edit {idp.name}</h3>
      <form onSubmit={save}>
        <div className="check">
          <input
            ref={syncBox}
            type="checkbox"
            id="scim-sync"
            checked={draft.scimSyncEnabled}
            onChange={(e) => setSync(e.target.checked)}
          />
          <label htmlFor="scim-sync">Enabled for SCIM Sync</label>
        </div>

        <CopyField
          label="SCIM Service Provider Endpoint"
          copyLabel="Copy SCIM Service Provider Endpoint"
          value={idp.scimEndpoint}
        />

        <div className="row">
          <button type="button" onClick={() => void generate()}>
            Generate New Token
          </button>
          <span className="muted small">
            {idp.scimTokenSet ? 'A token is set. A new one replaces it at once.' : 'No token yet.'}
          </span>
        </div>
        {token ? (
          <div className="token">
            <CopyField label="Bearer token" copyLabel="Copy token" value={token} />
            <p className="warning">This token will not be shown again. Copy it now.</p>
          </div>
        ) : null}

        <div className="check">
          <input
            type="checkbox"
            id="scim-policy"
            aria-describedby={draft.scimSyncEnabled ? undefined : 'scim-policy-hint'}
            checked={draft.scimAttributesForPolicy}
            disabled={!draft.scimSyncEnabled}
            onChange={(e) => setDraft((d) => ({ ...d, scimAttributesForPolicy: e.target.checked }))}
          />
          <label htmlFor="scim-policy">Enabled for SCIM Attributes for Policy</label>
        </div>
        {draft.scimSyncEnabled ? null : (
          <p id="scim-policy-hint" className="muted small">
            Needs SCIM Sync to be enabled.
          </p>
        )}

        <div className="row actions">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </section>
  );
}
