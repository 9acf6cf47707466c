/**
 * Child process of the cross-instance benchmark: one cloud instance on a PostgreSQL database.
 * Usage: instance.ts <postgres url> [public url]. Prints `READY {"url": <where it listens>,
 * "baseUrl": <what it advertises>}`; reads JSON lines `{"mint": [userNames], "idpId"}` and
 * answers `TOKENS [tokens]`, connector sessions made the way a verified sign-in makes them
 * (SessionService.createSession), so hundreds of connectors need no hundreds of IdP logins.
 */
import type { AddressInfo } from 'node:net';
import { startCloud } from '../../../electron/cloud/cloud.js';
import { answerMintRequests } from '../deprovision/workload.js';

const [db, publicUrl] = process.argv.slice(2);
const cloud = await startCloud({ port: 0, db: db!, adminToken: 'bench-admin', publicUrl });
const { port } = cloud.server.address() as AddressInfo;
const url = `http://127.0.0.1:${port}`;
process.stdout.write(`READY ${JSON.stringify({ url, baseUrl: cloud.baseUrl })}\n`);

await answerMintRequests(cloud);
await cloud.close();
