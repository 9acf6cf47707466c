/**
 * Child process of the deprovision benchmark: runs the cloud (file database) and, on request,
 * creates connector sessions for SCIM-provisioned users through the same path a verified
 * sign-in takes (SessionService.createSession), so 1,000 connectors need no 1,000 IdP logins.
 * Protocol: prints `READY <json>` once listening; reads JSON lines `{"mint": [userNames], "idpId"}`
 * and answers `TOKENS <json array>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startCloud } from '../../../electron/cloud/cloud.js';

const dir = mkdtempSync(join(tmpdir(), 'ccs-deprovision-'));
const cloud = await startCloud({ port: 0, db: join(dir, 'cloud.db'), adminToken: 'bench-admin' });
process.stdout.write(`READY ${JSON.stringify({ baseUrl: cloud.baseUrl })}\n`);

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
rmSync(dir, { recursive: true, force: true });
