/**
 * Child process of first-value-race.test.ts: another cloud instance's store on the same
 * database. Usage: put-first-all.ts <url> <keys per round> <name>. Prints READY; on each "go"
 * on stdin it starts the next round: it sets the round's settings (first-<round>-0, …) to its
 * name unless they have a value, and prints what it was given back, as JSON; the first round
 * also gets the OIDC cookie keys (made here if the database has none).
 */
import { createInterface } from 'node:readline';
import { oidcCookieKeys } from '../../electron/cloud/idp/oidc/cookie-keys.js';
import { openStore } from '../../electron/cloud/store/open-store.js';

const [url, count, name] = process.argv.slice(2);
const store = openStore(url!);
process.stdout.write('READY\n');
let round = 0;
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') break;
  const cookieKeys = round === 0 ? oidcCookieKeys(store.settings) : [];
  const values: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    const key = `first-${round}-${i}`;
    values.push(store.settings.claim(key, name!) ? name! : store.settings.get(key)!);
  }
  process.stdout.write(`${JSON.stringify({ cookieKeys, values })}\n`);
  round++;
}
await store.close();
