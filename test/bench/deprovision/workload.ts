/**
 * The deprovision benchmarks' workload, shared by the one-instance benchmark (run.ts) and the
 * cross-instance one (postgres/cross-instance.ts): SCIM users created Okta-style, one connector
 * per user on a push channel, and timed deactivations (PATCH active=false), each until the
 * user's connector is told.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import type { DeprovisionSample } from './figures.js';

/** Creates `count` active users through the SCIM endpoint; their names and SCIM ids. */
export async function createScimUsers(
  scimEndpoint: string,
  headers: Record<string, string>,
  count: number,
): Promise<{ userNames: string[]; scimIds: string[] }> {
  const userNames = Array.from({ length: count }, (_, i) => `user${i}@bench.example`);
  const scimIds: string[] = [];
  for (const userName of userNames) {
    const res = await fetch(`${scimEndpoint}/Users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        active: true,
      }),
    });
    if (!res.ok) throw new Error(`create ${userName}: ${res.status} ${await res.text()}`);
    scimIds.push(((await res.json()) as { id: string }).id);
  }
  return { userNames, scimIds };
}

/**
 * One connector per session token on `baseUrl`'s push channel, connected once each has its
 * snapshot; `told(i)` resolves when connector i hears `scimUserDisabled` (performance.now()).
 */
export async function connectConnectors(baseUrl: string, tokens: readonly string[]) {
  const waiting = new Map<number, (at: number) => void>();
  const sockets = await Promise.all(
    tokens.map(
      (t, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/connector/events`, {
            headers: { authorization: `Bearer ${t}` },
          });
          ws.on('message', (data) => {
            const msg = JSON.parse(String(data)) as { type: string };
            if (msg.type === 'snapshot') resolve(ws);
            if (msg.type === 'scimUserDisabled') waiting.get(i)?.(performance.now());
          });
          ws.on('error', reject);
        }),
    ),
  );
  const told = (i: number) => new Promise<number>((resolve) => waiting.set(i, resolve));
  return { sockets, told };
}

/** Deactivates the users in `order`, `concurrency` at a time: each one's moments. */
export async function timeDeactivations(o: {
  order: readonly number[];
  concurrency: number;
  scimEndpoint: string;
  headers: Record<string, string>;
  scimIds: readonly string[];
  told(i: number): Promise<number>;
}): Promise<DeprovisionSample[]> {
  const samples: DeprovisionSample[] = [];
  let next = 0;
  async function worker() {
    while (next < o.order.length) {
      const i = o.order[next++]!;
      const seen = o.told(i);
      const sent = performance.now();
      const res = await fetch(`${o.scimEndpoint}/Users/${o.scimIds[i]}`, {
        method: 'PATCH',
        headers: o.headers,
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { active: false } }],
        }),
      });
      await res.arrayBuffer();
      const answered = performance.now();
      samples.push({ sent, answered, seen: await seen });
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return samples;
}

/**
 * In a benchmark's cloud process: answers JSON lines `{"mint": [userNames], "idpId"}` on stdin
 * with `TOKENS [tokens]`, connector sessions made the way a verified sign-in makes them
 * (SessionService.createSession), so a thousand connectors need no thousand IdP logins.
 */
export async function answerMintRequests(cloud: RunningCloud): Promise<void> {
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
}

/**
 * A benchmark's cloud in a child process under tsx, and a reader of its `PREFIX <json>` lines
 * (READY, TOKENS): `expectLine` skips other output and fails if the process ends first.
 */
export function spawnCloudProcess(script: string, args: readonly string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  async function expectLine(prefix: string): Promise<unknown> {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`${script} exited before ${prefix}`);
      if (value.startsWith(`${prefix} `)) return JSON.parse(value.slice(prefix.length + 1));
    }
  }
  return { child, expectLine };
}
