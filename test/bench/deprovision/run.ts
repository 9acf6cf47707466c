/**
 * Deprovisioning latency: with N connectors connected to the push channel, an Okta-style SCIM
 * deactivation (PATCH active=false) of a signed-in user must reach that user's connector fast.
 * Prints p50/p99 of the time from the SCIM request (the figure) and from the SCIM response to the
 * connector receiving `scimUserDisabled` (figures.ts). Run: npm run bench:deprovision [-- --connectors 1000 --samples 500]
 */
import { recordFigures } from '../results.js';
import {
  connectConnectors,
  createScimUsers,
  spawnCloudProcess,
  timeDeactivations,
} from './workload.js';
import { ms, type LatencySummary } from '../scim/stats.js';
import { DEPROVISION_GOAL_MS, deprovisionFigure, summarise } from './figures.js';
import { parseArgs } from 'node:util';

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

const { child, expectLine } = spawnCloudProcess('test/bench/deprovision/cloud-with-sessions.ts');

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

  const { userNames, scimIds } = await createScimUsers(idp.scimEndpoint, scimHeaders, N);

  child.stdin!.write(`${JSON.stringify({ mint: userNames, idpId: idp.id })}\n`);
  const tokens = (await expectLine('TOKENS')) as string[];

  const { sockets, told } = await connectConnectors(baseUrl, tokens);
  console.log(`${sockets.length} connectors connected to the push channel.`);

  const order = Array.from({ length: N }, (_, i) => i)
    .sort(() => Math.random() - 0.5)
    .slice(0, SAMPLES);
  const samples = await timeDeactivations({
    order,
    concurrency: CONCURRENCY,
    scimEndpoint: idp.scimEndpoint,
    headers: scimHeaders,
    scimIds,
    told,
  });

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
