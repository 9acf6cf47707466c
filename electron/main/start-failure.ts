/**
 * When the connector service cannot start (most often: the bundled cloud did not), the window
 * still opens and says so with the error's catalog entry, offering to retry or to use another
 * cloud (the window's Settings page).
 */
import type { BrowserWindow, Dialog } from 'electron';
import { describeError } from '../../shared/errors/index.js';
import { APP_NAME } from './app-identity.js';

export type StartFailureChoice = 'retry' | 'settings' | 'close';

const CHOICES: { choice: StartFailureChoice; label: string }[] = [
  { choice: 'retry', label: 'Retry' },
  { choice: 'settings', label: 'Use Another Cloud…' },
  { choice: 'close', label: 'Close' },
];

export async function askAboutStartFailure(
  dialog: Pick<Dialog, 'showMessageBox'>,
  win: BrowserWindow,
  error: { code: string; message: string },
): Promise<StartFailureChoice> {
  const entry = describeError(error.code);
  const { response } = await dialog.showMessageBox(win, {
    type: 'error',
    title: APP_NAME,
    message: entry.title,
    detail: [entry.message, error.message, entry.userAction, `Error code: ${entry.code}`].join(
      '\n\n',
    ),
    buttons: CHOICES.map((c) => c.label),
    defaultId: 0,
    cancelId: CHOICES.length - 1,
    noLink: true,
  });
  return CHOICES[response]?.choice ?? 'close';
}
