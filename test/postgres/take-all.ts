/**
 * Child process of take-race.test.ts: another cloud instance's store on the same database.
 * Usage: take-all.ts <url> <n>. Prints READY, waits for "go" on stdin, then takes one-time codes
 * code-0..n-1 and SAML requests req-0..n-1 as fast as it can and prints what it got, as JSON.
 */
import { createInterface } from 'node:readline';
import { openStore } from '../../electron/cloud/store/open-store.js';

const [url, count] = process.argv.slice(2);
const store = openStore(url!);
process.stdout.write('READY\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
const codes: number[] = [];
const requests: number[] = [];
for (let i = 0; i < Number(count); i++) {
  if (store.auth.takeLoginCode(`code-${i}`)) codes.push(i);
  if (store.auth.takeSamlRequest(`req-${i}`)) requests.push(i);
}
process.stdout.write(`${JSON.stringify({ codes, requests })}\n`);
await store.close();
