/**
 * Child process of seed-race.test.ts (race-child.ts): another cloud instance starting on the
 * same new database. Usage: seed-on-go.ts <url>. On "go" it builds the cloud's services with the
 * demo seed, as a starting instance does, and prints "seeded" (as JSON).
 */
import { createInterface } from 'node:readline';
import { SimulatedClock } from '../../electron/cloud/clock/clock.js';
import { buildCloudServices } from '../../electron/cloud/services.js';
import { openStore } from '../../electron/cloud/store/open-store.js';

const store = openStore(process.argv[2]!);
process.stdout.write('READY\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
buildCloudServices({
  store,
  clock: new SimulatedClock(Date.now, store.clock),
  adminToken: 'seed-race',
  baseUrl: () => 'http://cloud.test',
  seed: true,
});
process.stdout.write(`${JSON.stringify('seeded')}\n`);
await store.close();
process.exit(0);
