/**
 * Child process of due-run-race.test.ts: another cloud instance's store on the same database.
 * Usage: take-due-runs.ts <url> <n>. Prints READY, waits for "go" on stdin, then asks for the
 * cycle (Entra ID, even i) or poll (PingFederate, odd i) of IdPs idp-0..n-1 as the push engine
 * does when they fall due, and prints the indexes it was given, as JSON.
 */
import { createInterface } from 'node:readline';
import { takeDueRun } from '../../electron/cloud/idp/provisioning/due-run.js';
import { openStore } from '../../electron/cloud/store/open-store.js';

const [url, count] = process.argv.slice(2);
const store = openStore(url!);
process.stdout.write('READY\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
const runs: number[] = [];
for (let i = 0; i < Number(count); i++) {
  const vendor = i % 2 === 0 ? 'entra' : 'ping';
  if (takeDueRun(store.provisioning, `idp-${i}`, vendor, Date.now())) runs.push(i);
}
process.stdout.write(`${JSON.stringify(runs)}\n`);
await store.close();
