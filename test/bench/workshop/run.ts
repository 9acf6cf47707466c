/**
 * Workshop scale: one workshop cloud with A attendees and C signed-in connectors (C/A per
 * tenant) on the push channel. Prints app-open latency (p50/p99; goal p99 < 50 ms), the fan-out
 * of "enable SCIM Attributes for Policy in every tenant" until every connector has been told
 * Authentication Required (p50/p99/last; goal p99 < 1 s), and the cloud's RSS. It prints
 * figures and never fails on timing.
 * Run: npm run bench:workshop [-- --attendees 100 --connectors 1000 --opens 2000 --concurrency 8]
 * `--profile <dir>` writes a V8 CPU profile of the cloud process there (open it in Chrome's
 * DevTools, Performance panel) to see where an app-open's time goes.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    attendees: { type: 'string', default: '100' },
    connectors: { type: 'string', default: '1000' },
    opens: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    profile: { type: 'string' },
  },
});
const ATTENDEES = Number(values.attendees);
const PER_TENANT = Math.max(1, Math.round(Number(values.connectors) / ATTENDEES));
const OPENS = Number(values.opens);
const CONCURRENCY = Number(values.concurrency);
const TRAINER = { authorization: 'Bearer bench-trainer', 'content-type': 'application/json' };

const child = spawn(
  process.execPath,
  [
    ...(values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : []),
    ...['--import', 'tsx', 'test/bench/workshop/workshop-cloud.ts', String(ATTENDEES)],
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
async function expectLine(prefix: string): Promise<unknown> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error(`cloud exited before ${prefix}`);
    if (value.startsWith(`${prefix} `)) return JSON.parse(value.slice(prefix.length + 1));
  }
}
const ask = (msg: object, answer: string) => {
  child.stdin!.write(`${JSON.stringify(msg)}\n`);
  return expectLine(answer);
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

interface Connector {
  attendee: number;
  token: string;
  ws: WebSocket;
  reauthAt?: number;
}

try {
  const started = performance.now();
  const { baseUrl } = (await expectLine('READY')) as { baseUrl: string };
  console.log(`Workshop cloud with ${ATTENDEES} tenants up in ${ms(performance.now() - started)}.`);
  const rssIdle = (await ask({ rss: true }, 'RSS')) as number;
  const minted = (await ask({ mint: PER_TENANT }, 'TOKENS')) as {
    attendee: number;
    token: string;
  }[];

  let waitAll: () => void = () => undefined;
  const allSeen = new Promise<void>((resolve) => (waitAll = resolve));
  let seen = 0;
  const connectors = await Promise.all(
    minted.map(
      (m) =>
        new Promise<Connector>((resolve, reject) => {
          const url = `${baseUrl}/t/${m.attendee}`.replace(/^http/, 'ws');
          const ws = new WebSocket(`${url}/api/connector/events`, {
            headers: { authorization: `Bearer ${m.token}` },
          });
          const c: Connector = { ...m, ws };
          ws.on('message', (data) => {
            const msg = JSON.parse(String(data)) as { type: string };
            if (msg.type === 'snapshot') resolve(c);
            if (msg.type === 'reauthRequired' && c.reauthAt === undefined) {
              c.reauthAt = performance.now();
              if (++seen === minted.length) waitAll();
            }
          });
          ws.on('error', reject);
        }),
    ),
  );
  const rssConnected = (await ask({ rss: true }, 'RSS')) as number;
  console.log(
    `${connectors.length} connectors signed in and on the push channel (${PER_TENANT} per tenant).`,
  );

  // App open: the allowed intranet app of each connector's tenant, spread over all connectors.
  const opens: number[] = [];
  let next = 0;
  async function opener() {
    while (next < OPENS) {
      const c = connectors[next++ % connectors.length]!;
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/t/${c.attendee}/api/connector/apps/open`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ app: `intranet.acme-${c.attendee}.example`, port: 443 }),
      });
      const body = (await res.json()) as { decision?: { outcome?: string } };
      opens.push(performance.now() - t0);
      if (res.status !== 200 || body.decision?.outcome !== 'allowed') {
        console.log(`  unexpected app-open answer: HTTP ${res.status} ${JSON.stringify(body)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, opener));
  console.log(`\nApp open, ${OPENS} requests, ${CONCURRENCY} in flight (goal p99 < 50 ms)`);
  console.log(
    `  p50 ${ms(pct(opens, 50))}  p99 ${ms(pct(opens, 99))}  max ${ms(Math.max(...opens))}`,
  );

  // Fan-out: one trainer action for every tenant, until every connector is told to reauthenticate.
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/admin/workshop/actions`, {
    method: 'POST',
    headers: TRAINER,
    body: JSON.stringify({
      attendees: 'all',
      action: { type: 'scimAttributesForPolicy', enabled: true, idps: 'saml' },
    }),
  });
  await res.arrayBuffer();
  const answered = performance.now() - t0;
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000));
  const outcome = await Promise.race([allSeen, timeout]);
  const fanout = connectors.filter((c) => c.reauthAt).map((c) => c.reauthAt! - t0);
  console.log(
    `\nFan-out: SCIM Attributes for Policy on in ${ATTENDEES} tenants → Authentication Required (goal p99 < 1 s)`,
  );
  console.log(`  action answered in ${ms(answered)} (HTTP ${res.status})`);
  console.log(
    `  connectors told: ${fanout.length} of ${connectors.length}${outcome === 'timeout' ? ' (gave up after 60 s)' : ''}`,
  );
  if (fanout.length) {
    console.log(
      `  p50 ${ms(pct(fanout, 50))}  p99 ${ms(pct(fanout, 99))}  last ${ms(Math.max(...fanout))}`,
    );
  }
  const rssAfter = (await ask({ rss: true }, 'RSS')) as number;
  console.log(
    `\nCloud RSS: ${mb(rssIdle)} with ${ATTENDEES} tenants idle, ${mb(rssConnected)} with ${connectors.length} connectors, ${mb(rssAfter)} after the fan-out`,
  );
  for (const c of connectors) c.ws.terminate();
} finally {
  child.stdin!.end();
  await new Promise((r) => child.once('exit', r));
}
