import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_WINDOW_VIEW,
  isWindowView,
  type WindowView,
} from '../../../shared/contract/connector-names.js';
import { withoutTrailingSlashes } from '../../../shared/url.js';

/** What the client keeps in `settings.json` in its user data directory. */
export interface HostSettings {
  /** The cloud to use; null means the cloud bundled with the app. */
  cloudUrl: string | null;
  /** This device's id at the cloud (kept across clouds and runs). */
  deviceId: string;
  /** The window's view: the real client's, or the simulator's insight. */
  view: WindowView;
}

/** settings.json, read once and written atomically on change. */
export class SettingsStore {
  private cached: HostSettings | null = null;

  constructor(readonly dir: string) {}

  get file(): string {
    return join(this.dir, 'settings.json');
  }

  async load(): Promise<HostSettings> {
    if (this.cached) return this.cached;
    let stored: Partial<HostSettings> = {};
    try {
      stored = JSON.parse(await readFile(this.file, 'utf8')) as Partial<HostSettings>;
    } catch {
      // first run, or an unreadable file: start over with a new device id
    }
    const settings: HostSettings = {
      cloudUrl:
        typeof stored.cloudUrl === 'string' && isHttpUrl(stored.cloudUrl) ? stored.cloudUrl : null,
      deviceId:
        typeof stored.deviceId === 'string' && stored.deviceId.length > 0
          ? stored.deviceId
          : randomUUID(),
      view: isWindowView(stored.view) ? stored.view : DEFAULT_WINDOW_VIEW,
    };
    if (settings.deviceId !== stored.deviceId) await this.save(settings);
    this.cached = settings;
    return settings;
  }

  async update(change: Partial<HostSettings>): Promise<HostSettings> {
    const next = { ...(await this.load()), ...change };
    await this.save(next);
    return next;
  }

  private async save(settings: HostSettings) {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
    this.cached = settings;
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A cloud's URL as the core uses it and the settings keep it (no trailing slash). */
export const normaliseUrl = withoutTrailingSlashes;
