/**
 * Child process of the cross-instance benchmark: one cloud instance on a PostgreSQL database.
 * Usage: instance.ts <postgres url> [public url]. Prints `READY {"url": <where it listens>,
 * "baseUrl": <what it advertises>}`; reads JSON lines `{"mint": [userNames], "idpId"}` and
 * answers `TOKENS [tokens]`, connector sessions made the way a verified sign-in makes them
 * (SessionService.createSession), so hundreds of connectors need no hundreds of IdP logins.
 */
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { startCloud } from '../../../electron/cloud/cloud.js';

const [db, publicUrl] = process.argv.slice(2);
const cloud = await startCloud({ port: 0, db: db!, adminToken: 'bench-admin', publicUrl });
const { port } = cloud.server.address() as AddressInfo;
const url = `http://127.0.0.1:${port}`;
process.stdout.write(`READY ${JSON.stringify({ url, baseUrl: cloud.baseUrl })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line) as { mint?: string[]; idpId?: string };
  if (!msg.mint || !msg.idpId) continue;
  const tokens = msg.mint.map(
    (userName, i) =>
      cloud.sessions.createSession(
        {
          idpId: msg.idpId!,
          protocol: 'saml',
          userName,
          attributes: {},
          authTime: cloud.clock.now(),
        },
        `bench-device-${i}`,
      ).sessionToken,
  );
  process.stdout.write(`TOKENS ${JSON.stringify(tokens)}\n`);
}
await cloud.close();
