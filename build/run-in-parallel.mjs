// `node build/run-in-parallel.mjs <script>...`: runs npm scripts side by side, prints each one's
// output whole once it ends (in the order given), and fails if any failed. `npm test` runs the
// type-check and the lint this way: each is a single-threaded process (tsc, eslint), so on a
// two-core CI machine the pair takes the time of the longer one, not of both.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('Usage: node build/run-in-parallel.mjs <npm script>...');
  process.exit(2);
}

/** Runs `npm run <script>`; resolves with its exit code and its output (stdout and stderr as they came). */
function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    const output = [];
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.once('error', (e) => resolve({ code: 1, output: Buffer.from(String(e)) }));
    child.once('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(output) }));
  });
}

const results = await Promise.all(scripts.map(run));
let failed = false;
results.forEach(({ code, output }, i) => {
  process.stdout.write(output);
  if (code !== 0) {
    console.error(`npm run ${scripts[i]} failed (exit ${code}).`);
    failed = true;
  }
});
process.exit(failed ? 1 : 0);
