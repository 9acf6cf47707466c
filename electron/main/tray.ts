/** The tray icon: its tooltip follows the status; its menu is the real client's tray menu. */
import { Menu, nativeImage, Tray } from 'electron';
import type { ConnectorSnapshot } from '../../shared/contract/snapshot.js';
import { APP_NAME, trayTooltip } from '../connector/host/presentation.js';

export interface TrayActions {
  open(): void;
  authenticate(): void;
  authenticateEarly(): void;
  exportLogs(): void;
  reportIssue(): void;
  exit(): void;
}

export function createTray(
  icon: string,
  snapshot: () => ConnectorSnapshot,
  subscribe: (listener: () => void) => () => void,
  actions: TrayActions,
): { destroy(): void } {
  const tray = new Tray(nativeImage.createFromPath(icon));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Client Connector', click: actions.open },
      { type: 'separator' },
      { label: 'Authenticate', click: actions.authenticate },
      { label: 'Authenticate Early', click: actions.authenticateEarly },
      { type: 'separator' },
      { label: 'Export Logs…', click: actions.exportLogs },
      { label: 'Report an Issue…', click: actions.reportIssue },
      { type: 'separator' },
      { label: 'Exit', click: actions.exit },
    ]),
  );
  tray.on('click', actions.open);
  // Until the service has a cloud (it may have none after a failed start), only the name.
  const tooltip = () => {
    try {
      return trayTooltip(snapshot(), Date.now());
    } catch {
      return APP_NAME;
    }
  };
  const update = () => tray.setToolTip(tooltip());
  update();
  const unsubscribe = subscribe(update);
  // "Time connected" moves on without a state change.
  const timer = setInterval(update, 30_000);
  return {
    destroy() {
      clearInterval(timer);
      unsubscribe();
      tray.destroy();
    },
  };
}
