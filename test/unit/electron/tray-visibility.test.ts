/** Whether a tray icon will be seen (issue 15 item 8): closing hides into it, or quits. */
import { describe, expect, it, vi } from 'vitest';
import { trayIsShown } from '../../../electron/main/tray-visibility.js';

describe('tray visibility', () => {
  it('Windows and macOS always show the tray (the bus is not asked)', async () => {
    const ask = vi.fn(async () => null);
    await expect(trayIsShown('win32', ask)).resolves.toBe(true);
    await expect(trayIsShown('darwin', ask)).resolves.toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('Linux shows it where a StatusNotifierWatcher owns its name on the session bus', async () => {
    await expect(trayIsShown('linux', async () => '(true,)\n')).resolves.toBe(true);
  });

  it('plain GNOME (no watcher) or a bus that cannot be asked: no tray', async () => {
    await expect(trayIsShown('linux', async () => '(false,)\n')).resolves.toBe(false);
    await expect(trayIsShown('linux', async () => null)).resolves.toBe(false);
  });
});
