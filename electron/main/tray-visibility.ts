/**
 * Whether a tray icon will be seen. Windows and macOS always show one. On Linux, Electron's tray
 * is a StatusNotifierItem: it shows only where a StatusNotifierWatcher runs on the session bus
 * (KDE, Ubuntu's GNOME, GNOME with the AppIndicator extension, ...). Plain GNOME has none, and a
 * window hidden "to the tray" there could never be brought back.
 */
import { execFile } from 'node:child_process';

const WATCHER = 'org.kde.StatusNotifierWatcher';

/** Asks the session bus whether the watcher's name has an owner: `gdbus` prints `(true,)`. */
export function askSessionBus(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'gdbus',
      [
        'call',
        '--session',
        '--dest',
        'org.freedesktop.DBus',
        '--object-path',
        '/org/freedesktop/DBus',
        '--method',
        'org.freedesktop.DBus.NameHasOwner',
        WATCHER,
      ],
      { timeout: 2000 },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
}

/**
 * True when the tray can hold the app. Where the bus cannot be asked (no gdbus), Linux counts as
 * trayless: closing then quits, which loses nothing, rather than hiding out of reach.
 */
export async function trayIsShown(
  platform: NodeJS.Platform = process.platform,
  ask: () => Promise<string | null> = askSessionBus,
): Promise<boolean> {
  if (platform !== 'linux') return true;
  const answer = await ask();
  return answer !== null && /\(\s*true\s*,?\s*\)/.test(answer);
}
