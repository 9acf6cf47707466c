/**
 * The crash workload of the durability tests (SQLite and PostgreSQL): four SCIM clients create
 * users as fast as the cloud answers; once `atLeast` creates are acknowledged, the cloud's
 * process group gets SIGKILL. Every acknowledged userName must then be found after a restart.
 */
import type { CliCloud } from './cli.js';
import { sleep, USER_SCHEMA, type ScimClient } from './cloud.js';

export interface KilledMidStream {
  /** userNames whose create was answered 201 before the kill. */
  acknowledged: string[];
  /** Creates sent, answered or not. */
  attempted: number;
  exit: { code: number | null; signal: NodeJS.Signals | null };
}

export async function createsUntilKilled(
  cli: CliCloud,
  client: ScimClient,
  opts: { atLeast: number; withinMs: number },
): Promise<KilledMidStream> {
  const acknowledged: string[] = [];
  let attempted = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const userName = `crash${String(attempted++).padStart(5, '0')}@acme.example`;
      try {
        const res = await client.post('/Users', { schemas: [USER_SCHEMA], userName });
        if (res.status === 201) acknowledged.push(userName);
        else throw new Error(`unexpected ${res.status}: ${res.text}`);
      } catch (e) {
        // Connection refused or reset (a TypeError from fetch): the server is gone.
        if (stop || e instanceof TypeError) return;
        throw e;
      }
    }
  };
  const workers = Array.from({ length: 4 }, () => worker());
  const deadline = Date.now() + opts.withinMs;
  while (acknowledged.length < opts.atLeast) {
    if (Date.now() > deadline) {
      throw new Error(`only ${acknowledged.length} creates in ${opts.withinMs / 1000} s`);
    }
    await sleep(5);
  }
  cli.signalGroup('SIGKILL');
  const exit = await cli.exited;
  stop = true;
  await Promise.all(workers);
  return { acknowledged: [...acknowledged], attempted, exit };
}
