import { useConsole } from '../context';

/** Chooses the IdP the IdP pages show (the same one on every page). */
export function IdpPicker() {
  const { idps, idp, selectIdp } = useConsole();
  return (
    <div className="row">
      <label htmlFor="idp-picker">IdP</label>
      <select id="idp-picker" value={idp?.id ?? ''} onChange={(e) => selectIdp(e.target.value)}>
        {idps.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
    </div>
  );
}
