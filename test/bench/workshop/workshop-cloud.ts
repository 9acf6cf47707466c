/**
 * Child process of the workshop benchmark: runs a workshop cloud (file databases in a temp
 * folder) and, on request, creates connector sessions for each attendee's Okta users through
 * the path a verified sign-in takes (SessionService.createSession), so 1,000 connectors need no
 * 1,000 IdP logins. Protocol (JSON lines): prints `READY {"baseUrl"}`; reads
 * `{"mint": perTenant}` → `TOKENS [{"attendee","token"}]`, `{"rss": true}` → `RSS <bytes>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoUserNames } from '../../../electron/cloud/seed/demo-tenant.js';
import { startWorkshop } from '../../../electron/cloud/workshop/workshop.js';

const attendees = Number(process.argv[2] ?? '100');
const dir = mkdtempSync(join(tmpdir(), 'ccs-workshop-bench-'));
const workshop = await startWorkshop({
  attendees,
  port: 0,
  db: join(dir, 'cloud.db'),
  adminToken: 'bench-trainer',
});
process.stdout.write(`READY ${JSON.stringify({ baseUrl: workshop.baseUrl })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line) as { mint?: number; rss?: boolean };
  if (msg.rss) process.stdout.write(`RSS ${process.memoryUsage().rss}\n`);
  if (!msg.mint) continue;
  const tokens = workshop.tenants.flatMap((t) => {
    const okta = t.cloud.idps.list().find((i) => i.protocol === 'saml')!;
    const users = demoUserNames(t.domains).acme;
    return Array.from({ length: msg.mint! }, (_, i) => ({
      attendee: t.attendee,
      token: t.cloud.sessions.createSession(
        {
          idpId: okta.id,
          protocol: 'saml',
          userName: users[i % users.length]!,
          attributes: {},
          authTime: t.cloud.clock.now(),
        },
        `bench-device-${t.attendee}-${i}`,
      ).sessionToken,
    }));
  });
  process.stdout.write(`TOKENS ${JSON.stringify(tokens)}\n`);
}
await workshop.close();
rmSync(dir, { recursive: true, force: true });
