/**
 * Deprovisioning latency: with N connectors connected to the push channel, an Okta-style SCIM
 * deactivation (PATCH active=false) of a signed-in user must reach that user's connector fast.
 * Prints p50/p99 of the time from the SCIM request (the figure) and from the SCIM response to the
 * connector receiving `scimUserDisabled` (figures.ts). Run: npm run bench:deprovision [-- --connectors 1000 --samples 500]
 */
import { recordFigures } from '../results.js';
import { ms, type LatencySummary } from '../scim/stats.js';
import {
  DEPROVISION_GOAL_MS,
  deprovisionFigure,
  summarise,
  type DeprovisionSample,
} from './figures.js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    connectors: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
  },
});
const N = Number(values.connectors);
const SAMPLES = Math.min(Number(values.samples), N);
const CONCURRENCY = Number(values.concurrency);
const ADMIN = { authorization: 'Bearer bench-admin', 'content-type': 'application/json' };

const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'test/bench/deprovision/cloud-with-sessions.ts'],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
async function expectLine(prefix: string): Promise<unknown> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error(`cloud exited before ${prefix}`);
    if (value.startsWith(`${prefix} `)) return JSON.parse(value.slice(prefix.length + 1));
  }
}

try {
  const { baseUrl } = (await expectLine('READY')) as { baseUrl: string };
  const idp = (await (
    await fetch(`${baseUrl}/api/admin/idps`, {
      method: 'POST',
      headers: ADMIN,
      body: JSON.stringify({
        name: 'Bench Okta',
        protocol: 'saml',
        vendor: 'okta',
        domains: ['bench.example'],
        scimSyncEnabled: true,
      }),
    })
  ).json()) as { id: string; scimEndpoint: string };
  const { token } = (await (
    await fetch(`${baseUrl}/api/admin/idps/${idp.id}/scim-token`, {
      method: 'POST',
      headers: ADMIN,
    })
  ).json()) as { token: string };
  const scimHeaders = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/scim+json',
    'user-agent': 'Okta SCIM Client 1.0.0',
  };

  const userNames = Array.from({ length: N }, (_, i) => `user${i}@bench.example`);
  const scimIds: string[] = [];
  for (const userName of userNames) {
    const res = await fetch(`${idp.scimEndpoint}/Users`, {
      method: 'POST',
      headers: scimHeaders,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        active: true,
      }),
    });
    scimIds.push(((await res.json()) as { id: string }).id);
  }

  child.stdin!.write(`${JSON.stringify({ mint: userNames, idpId: idp.id })}\n`);
  const tokens = (await expectLine('TOKENS')) as string[];

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
  console.log(`${sockets.length} connectors connected to the push channel.`);

  const samples: DeprovisionSample[] = [];
  const order = Array.from({ length: N }, (_, i) => i)
    .sort(() => Math.random() - 0.5)
    .slice(0, SAMPLES);
  let next = 0;
  async function worker() {
    while (next < order.length) {
      const i = order[next++]!;
      const seen = new Promise<number>((resolve) => waiting.set(i, resolve));
      const sent = performance.now();
      const res = await fetch(`${idp.scimEndpoint}/Users/${scimIds[i]}`, {
        method: 'PATCH',
        headers: scimHeaders,
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
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const summary = summarise(samples);
  const line = (l: LatencySummary) => `p50 ${ms(l.p50)}  p99 ${ms(l.p99)}  max ${ms(l.max)}`;
  console.log(
    `\nDeprovision to connector, ${SAMPLES} deactivations, ${N} connected connectors, ${CONCURRENCY} in flight`,
  );
  console.log(`  from SCIM request:  ${line(summary.fromRequest)}`);
  console.log(
    `  from SCIM response: ${line(summary.fromResponse)}  (negative: before the response)`,
  );
  console.log(
    `  events that arrived before the SCIM response itself: ${summary.beforeResponse} of ${SAMPLES}`,
  );
  const met = summary.fromRequest.p99 < DEPROVISION_GOAL_MS;
  console.log(
    `  target: p99 from the request < ${DEPROVISION_GOAL_MS} ms -> ${met ? 'met' : 'MISSED'}`,
  );
  recordFigures({
    benchmark: 'deprovision',
    parameters: { connectors: N, samples: SAMPLES },
    figures: [deprovisionFigure(summary, N)],
  });
  for (const s of sockets) s.close();
} finally {
  child.stdin!.end();
  await new Promise((r) => child.once('exit', r));
}
