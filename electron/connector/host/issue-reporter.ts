import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AboutInfo, CallInput } from '../../../shared/contract/connector-contract.js';
import { withoutTrailingSlashes } from '../../../shared/url.js';

export type IssueForm = Required<CallInput<'reportIssue'>>;

/** What "Report an Issue" sends: the form, who and what device, and the redacted logs ZIP. */
export interface IssueReport {
  form: IssueForm;
  deviceId: string;
  username: string | null;
  about: AboutInfo;
  logs: { fileName: string; base64: string };
}

/**
 * The cloud endpoint (`POST /api/connector/issues`, 201 `{ id }`, the bearer session token: the
 * cloud takes reports from signed-in connectors only, a limited number per device). Where the
 * cloud refuses it (not signed in, too many reports) or has no endpoint (404) or cannot be
 * reached, the report is kept in `<dir>/issues/<id>/` with the reason, and its id starts with
 * `local-`.
 */
export class IssueReporter {
  constructor(
    private readonly dir: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async submit(
    cloudUrl: string,
    report: IssueReport,
    sessionToken: string | null,
  ): Promise<{ id: string; stored: 'cloud' | 'local'; reason?: string }> {
    let reason: string;
    try {
      const res = await this.fetchImpl(`${withoutTrailingSlashes(cloudUrl)}/api/connector/issues`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(sessionToken ? { authorization: `Bearer ${sessionToken}` } : {}),
        },
        body: JSON.stringify(report),
        signal: AbortSignal.timeout(15_000),
      });
      if (res.ok) {
        const body = (await res.json()) as { id?: unknown };
        if (typeof body.id === 'string' && body.id) return { id: body.id, stored: 'cloud' };
        reason = 'the cloud answered without an id';
      } else reason = `the cloud answered HTTP ${res.status}${await refusal(res)}`;
    } catch (e) {
      reason = `the cloud could not be reached (${(e as Error).message})`;
    }
    const id = localIssueId();
    const where = join(this.dir, 'issues', id);
    await mkdir(where, { recursive: true, mode: 0o700 });
    const { logs, ...rest } = report;
    await writeFile(
      join(where, 'issue.json'),
      `${JSON.stringify({ id, createdAt: new Date().toISOString(), reason, ...rest, logs: logs.fileName }, null, 2)}\n`,
      { mode: 0o600 },
    );
    await writeFile(join(where, logs.fileName), Buffer.from(logs.base64, 'base64'), {
      mode: 0o600,
    });
    return { id, stored: 'local', reason };
  }
}

/** The cloud's explanation of a refusal (`{error:{code,message}}`), e.g. the 429's "try again in". */
async function refusal(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof message === 'string') {
      return `: ${message}${typeof code === 'string' ? ` (${code})` : ''}`;
    }
  } catch {
    // not JSON: the status says enough
  }
  return '';
}

function localIssueId(): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return `local-${day}-${randomBytes(4).toString('hex')}`;
}
