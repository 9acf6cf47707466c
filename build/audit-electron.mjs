// `npm run audit:electron`: Electronegativity (offline, from node_modules) over the Electron main
// process and the preload, for the Electron version installed (without it the tool assumes
// v0.1.0). Any finding fails. A check is silenced only by an `eng-disable` comment at the line it
// concerns, each with its reason beside it; build/electronegativity.md lists them all.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const run = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

/** The Electron layer, scanned as one app (its global checks span main and preload). */
const SCANNED = ['electron/main', 'electron/preload'];

async function scan() {
  const app = mkdtempSync(join(tmpdir(), 'cc-audit-'));
  for (const dir of SCANNED) cpSync(join(root, dir), join(app, dir), { recursive: true });
  // The tool logs its progress (and a failed look-up of new Electron releases) on the console.
  const { log, warn } = console;
  console.log = console.warn = () => undefined;
  try {
    const result = await run({ input: app, electronVersionOverride: electronVersion });
    // A file the tool could not parse is a file it did not check: that fails too.
    return [...result.issues, ...result.errors].map((e) => {
      const file = e.file && e.file !== 'N/A' ? relative(app, e.file) : '(app)';
      const what = e.description ?? e.message ?? e.error ?? JSON.stringify(e);
      return `${e.id ?? 'PARSE ERROR'} ${file}:${e.location?.line ?? '?'} ${e.severity?.name ?? ''} ${what}`;
    });
  } finally {
    Object.assign(console, { log, warn });
    rmSync(app, { recursive: true, force: true });
  }
}

const findings = await scan();
if (findings.length > 0) {
  console.error(`Electronegativity (Electron ${electronVersion}): ${findings.length} finding(s)`);
  for (const f of findings) console.error(`  ${f}`);
  process.exit(1);
}
console.log(
  `Electronegativity (Electron ${electronVersion}) over ${SCANNED.join(', ')}: no findings.`,
);
