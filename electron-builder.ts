/**
 * electron-builder: Linux (AppImage, deb), Windows (NSIS), macOS (dmg). Loaded by electron-builder
 * itself (it reads TypeScript configs); `npm run package[:linux|:win|:mac]` runs it on a staged
 * copy of the app (build/package.mjs) so the repository's node_modules stay built for Node.
 * Packaging downloads Electron (and its headers, to rebuild better-sqlite3 for Electron's ABI):
 * it cannot run on this project's development machines or CI. See README "Packaging".
 */
import type { Configuration } from 'electron-builder';
import { APP_ID, APP_NAME } from './electron/main/app-identity.js';

const config: Configuration = {
  appId: APP_ID,
  productName: APP_NAME,
  copyright: 'Client Connector Simulator',
  directories: { output: 'dist/packages', buildResources: 'build' },
  files: ['dist/electron/**', 'dist/renderer/**', '!**/*.map', 'package.json'],
  extraResources: [{ from: 'build/icons', to: 'icons', filter: ['*.png'] }],
  // better-sqlite3 is rebuilt for Electron's ABI here, in the staged copy only (never in the
  // repository): it runs in the bundled cloud's utility process, never in the main process.
  npmRebuild: true,
  // Worker threads of the bundled cloud load these from disk: the xmllint WASM validator (SAML
  // schema checks) and the SQLite checkpointer (better-sqlite3 with its native addon).
  asarUnpack: [
    '**/*.node',
    'node_modules/better-sqlite3/**',
    'node_modules/bindings/**',
    'node_modules/file-uri-to-path/**',
    'node_modules/xmllint-wasm/**',
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    icon: 'build/icons',
    executableName: 'client-connector',
    synopsis: 'Client Connector for private access, with a bundled simulator cloud',
    desktop: {
      entry: {
        Name: APP_NAME,
        Comment: 'Zero-trust private access client (simulator)',
        Categories: 'Network;Security;',
        StartupWMClass: APP_NAME,
      },
    },
  },
  // deb: the maintainer comes from package.json's author, the project URL from its homepage. No
  // `depends` here: a custom list would replace electron-builder's, which already holds Electron's
  // needs (GTK, NSS, xdg-utils, ...) and ours (libnotify4 for notifications, libsecret-1-0 for
  // safeStorage's keyring).
  appImage: { artifactName: 'ClientConnector-${version}-${arch}.AppImage' },
  win: { target: ['nsis'], icon: 'build/icons/icon.png' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: 'ClientConnector-Setup-${version}.exe',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.utilities',
    icon: 'build/icons/icon.png',
    hardenedRuntime: true,
  },
  dmg: { artifactName: 'ClientConnector-${version}.dmg' },
};

export default config;
