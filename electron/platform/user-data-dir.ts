import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR = 'client-connector-simulator';

/**
 * The per-user data directory of each platform, where the cloud's database, the connector's
 * settings and session file live: %APPDATA% on Windows, ~/Library/Application Support on macOS,
 * $XDG_DATA_HOME (or ~/.local/share) elsewhere.
 */
export function userDataDir(): string {
  const home = homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'));
  return join(base, APP_DIR);
}
