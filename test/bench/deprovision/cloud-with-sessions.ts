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
import { startCloud } from '../../../electron/cloud/cloud.js';
import { answerMintRequests } from './workload.js';

const dir = mkdtempSync(join(tmpdir(), 'ccs-deprovision-'));
const cloud = await startCloud({ port: 0, db: join(dir, 'cloud.db'), adminToken: 'bench-admin' });
process.stdout.write(`READY ${JSON.stringify({ baseUrl: cloud.baseUrl })}\n`);

await answerMintRequests(cloud);
await cloud.close();
rmSync(dir, { recursive: true, force: true });
