import { userDataDir } from '../platform/user-data-dir.js';
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the command line keeps between runs, per cloud: the device id and the session token. */
export interface ConnectorState {
  cloud: string;
  deviceId: string;
  sessionToken?: string;
  username?: string;
}

export const defaultStateDir = (): string => join(userDataDir(), 'connector');

const fileFor = (dir: string, cloud: string) =>
  join(dir, `${createHash('sha256').update(cloud).digest('hex').slice(0, 16)}.json`);

export async function loadState(dir: string, cloud: string): Promise<ConnectorState> {
  try {
    const state = JSON.parse(await readFile(fileFor(dir, cloud), 'utf8')) as ConnectorState;
    if (state.cloud === cloud && typeof state.deviceId === 'string') return state;
  } catch {
    // no state yet: a new device
  }
  return { cloud, deviceId: randomUUID() };
}

/** Written owner-only: it holds a session token. */
export async function saveState(dir: string, state: ConnectorState): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = fileFor(dir, state.cloud);
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
}

/** The session secret kept in the state file (owner-only), for the command line. */
export class FileSecretStore {
  constructor(
    private readonly dir: string,
    private readonly cloud: string,
  ) {}

  async load() {
    const s = await loadState(this.dir, this.cloud);
    return s.sessionToken && s.username
      ? { sessionToken: s.sessionToken, username: s.username }
      : null;
  }

  async save(secret: { sessionToken: string; username: string }) {
    const s = await loadState(this.dir, this.cloud);
    await saveState(this.dir, { ...s, ...secret });
  }

  async clear() {
    const s = await loadState(this.dir, this.cloud);
    await saveState(this.dir, { cloud: s.cloud, deviceId: s.deviceId });
  }
}
