import { useState, type FormEvent } from 'react';
import {
  cockpitRoutes,
  MAX_DIAGNOSTICS_ZIP_BYTES,
  type DiagnosticsImport,
} from '../../../shared/contract/cloud-api/cockpit';
import { routePath } from '../../../shared/contract/cloud-api/route';
import { TimelinePicture } from '../../components/timeline/TimelinePicture';
import { ApiError, errorOf } from '../api/client';
import { adminToken } from '../api/token';
import { useConsole } from '../context';
import type { ConsolePage } from './page';

/** POST the ZIP itself as the body (the API client sends JSON; this route takes the file). */
async function importZip(file: File): Promise<DiagnosticsImport> {
  if (file.size > MAX_DIAGNOSTICS_ZIP_BYTES) {
    throw new ApiError(413, 'too_large', `${file.name} is larger than an Export Logs ZIP can be.`);
  }
  const res = await fetch(routePath(cockpitRoutes.importDiagnostics), {
    method: cockpitRoutes.importDiagnostics.method,
    headers: {
      authorization: `Bearer ${adminToken.get() ?? ''}`,
      'content-type': 'application/zip',
    },
    body: file,
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as DiagnosticsImport;
}

/** Support imports a customer's Export Logs ZIP: their timeline and the errors explained. */
function Diagnostics() {
  const { run, announce } = useConsole();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<DiagnosticsImport | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return announce('Choose an Export Logs ZIP first.');
    void run(async () => {
      const imported = await importZip(file);
      setResult(imported);
      announce(`Imported ${file.name} as ${imported.id}.`);
    });
  };

  return (
    <>
      <form className="card row" onSubmit={submit}>
        <label htmlFor="diagnostics-zip">Export Logs ZIP</label>
        <input
          id="diagnostics-zip"
          type="file"
          accept=".zip,application/zip"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button type="submit">Import</button>
      </form>
      {result ? (
        <>
          <div className="card">
            <h3>
              {result.id}: {result.user ?? 'user unknown'}
            </h3>
            <TimelinePicture
              events={result.timeline}
              label={`Timeline of ${result.user ?? 'the client'}`}
            />
          </div>
          <section className="card" aria-labelledby="diagnostics-errors">
            <h3 id="diagnostics-errors">Errors explained</h3>
            {result.errors.length === 0 ? <p className="muted">No error in these logs.</p> : null}
            {result.errors.map((err) => (
              <article key={err.code} aria-label={`${err.code}: ${err.title}`}>
                <h4>
                  {err.code}: {err.title}
                </h4>
                <dl>
                  <dt>Cause</dt>
                  <dd>{err.cause}</dd>
                  <dt>What the user can do</dt>
                  <dd>{err.userAction}</dd>
                  <dt>What the admin can do</dt>
                  <dd>{err.adminAction}</dd>
                </dl>
              </article>
            ))}
          </section>
        </>
      ) : null}
    </>
  );
}

export const diagnosticsPage: ConsolePage = {
  id: 'diagnostics',
  title: 'Diagnostics',
  description:
    "Import a customer's Export Logs ZIP: their client's timeline and the errors in it, explained.",
  Component: Diagnostics,
};
