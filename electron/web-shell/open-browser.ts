import { spawn } from 'node:child_process';

/**
 * Opens `url` in the user's default browser, as Jupyter does, when there is a desktop to open
 * it on. Best effort: the URL is printed as well, so a failure only costs a click.
 */
export function openInBrowser(url: string): void {
  const command = browserCommand(url);
  if (!command) return;
  const [program, ...args] = command;
  try {
    const child = spawn(program, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener installed: the printed URL is enough.
  }
}

function browserCommand(url: string): [string, ...string[]] | null {
  if (process.platform === 'darwin') return ['open', url];
  if (process.platform === 'win32') return ['explorer.exe', url];
  // Linux and the BSDs: only with a display (a headless host has nowhere to show it).
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  return ['xdg-open', url];
}
