/** The tray (electron/main/tray.ts) and the OS notifications (os-notifications.ts), electron mocked. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { SERVICE_STATUS_TEXT } from '../../../shared/state/notifications.js';
import { AUTHENTICATE_EARLY } from '../../../shared/state/reauth-schedule.js';

const trays: FakeTray[] = [];
const notes: FakeNotification[] = [];
let notificationsSupported = true;

class FakeTray extends EventEmitter {
  menu: { label?: string; type?: string; click?: () => void }[] = [];
  tooltip = '';
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    trays.push(this);
  }
  setContextMenu(menu: FakeTray['menu']) {
    this.menu = menu;
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  destroy() {
    this.destroyed = true;
  }
}

class FakeNotification extends EventEmitter {
  shown = false;
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    notes.push(this);
  }
  static isSupported = () => notificationsSupported;
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close');
  }
}

vi.mock('electron', () => ({
  Tray: FakeTray,
  Menu: { buildFromTemplate: (t: unknown) => t },
  nativeImage: { createFromPath: (p: string) => ({ path: p }) },
  Notification: FakeNotification,
}));

const { createTray } = await import('../../../electron/main/tray.js');
const { createOsNotifications } = await import('../../../electron/main/os-notifications.js');

const snapshot = {
  cloudUrl: 'http://c',
  deviceId: 'd',
  username: 'alice@acme.example',
  service: { status: 'on', broker: 'b', since: 0, stats: { bytesSent: 0, bytesReceived: 0 } },
  auth: { status: 'unauthenticated' },
  session: null,
  apps: [],
  connections: [],
  banner: null,
  notifications: [],
  lastError: null,
  policyVersion: 1,
  clockOffsetMs: 0,
} as unknown as ConnectorSnapshot;

const actions = () => ({
  open: vi.fn(),
  authenticate: vi.fn(),
  authenticateEarly: vi.fn(),
  exportLogs: vi.fn(),
  reportIssue: vi.fn(),
  exit: vi.fn(),
});

afterEach(() => {
  trays.length = 0;
  notes.length = 0;
  notificationsSupported = true;
});

describe('tray', () => {
  it('its menu is the client’s tray menu, each item doing its action', () => {
    const a = actions();
    createTray(
      '/icons/16x16.png',
      () => snapshot,
      () => () => undefined,
      a,
    ).destroy();
    const items = trays[0]!.menu.filter((i) => i.label);
    expect(items.map((i) => i.label)).toEqual([
      'Open Client Connector',
      'Authenticate',
      'Authenticate Early',
      'Export Logs…',
      'Report an Issue…',
      'Exit',
    ]);
    items.forEach((i) => i.click!());
    for (const f of Object.values(a)) expect(f).toHaveBeenCalled();
    trays[0]!.emit('click');
    expect(a.open).toHaveBeenCalledTimes(2);
  });

  it('its tooltip follows the state, and stops when destroyed', () => {
    let current = snapshot;
    const listeners = new Set<() => void>();
    const tray = createTray(
      '/i.png',
      () => current,
      (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      actions(),
    );
    expect(trays[0]!.tooltip).toContain('Private Access: On');
    current = {
      ...snapshot,
      service: { status: 'off', since: null, turnedOffByUser: true },
    } as never;
    listeners.forEach((l) => l());
    expect(trays[0]!.tooltip).toContain('Private Access: Off');
    tray.destroy();
    expect(listeners.size).toBe(0);
    expect(trays[0]!.destroyed).toBe(true);
  });

  it('shows the app’s name while the service has no cloud (a failed start)', () => {
    const tray = createTray(
      '/i.png',
      () => {
        throw new Error('not started');
      },
      () => () => undefined,
      actions(),
    );
    expect(trays[0]!.tooltip).toBe('Client Connector');
    tray.destroy();
  });
});

describe('OS notifications', () => {
  const make = () => {
    const onClick = vi.fn();
    const onAction = vi.fn();
    return {
      onClick,
      onAction,
      os: createOsNotifications({ snapshot: () => snapshot, onClick, onAction }),
    };
  };

  it('one per id: a new one replaces the shown one', () => {
    const { os } = make();
    os.show({ id: 'svc', category: 'serviceStatus', text: SERVICE_STATUS_TEXT.connected });
    os.show({ id: 'svc', category: 'serviceStatus', text: SERVICE_STATUS_TEXT.connected });
    expect(notes).toHaveLength(2);
    expect(notes[0]!.closed).toBe(true);
    expect(notes[1]!.shown).toBe(true);
    expect(notes[1]!.options.title).toBe('Private Access connected');
    os.dismiss('svc');
    expect(notes[1]!.closed).toBe(true);
  });

  it('a reauthentication notice carries its button, which runs its action', () => {
    const { os, onAction, onClick } = make();
    const action = AUTHENTICATE_EARLY;
    os.show({ id: 'reauth', category: 'zpaReauthentication', text: 'Soon', action });
    const note = notes[0]!;
    expect(note.options.title).toBe('Reauthentication due soon');
    expect(note.options.actions).toEqual([{ type: 'button', text: action.label }]);
    note.emit('action');
    note.emit('click');
    expect(onAction.mock.calls).toEqual([[action], [action]]);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('a plain notice opens the window when clicked; nothing shows where unsupported', () => {
    const { os, onClick } = make();
    os.show({ id: 'svc', category: 'serviceStatus', text: SERVICE_STATUS_TEXT.connected });
    notes[0]!.emit('click');
    expect(onClick).toHaveBeenCalled();
    notificationsSupported = false;
    os.show({ id: 'other', category: 'serviceStatus', text: SERVICE_STATUS_TEXT.connected });
    expect(notes).toHaveLength(1);
  });
});
