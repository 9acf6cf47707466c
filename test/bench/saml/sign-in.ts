/**
 * Times full SAML sign-ins over HTTP against a local cloud (start, IdP login page, credentials,
 * auto-submitting form, ACS, one-time code exchange) and prints the median and spread.
 * Run: npx tsx test/bench/saml/sign-in.ts [runs=20]
 */
import { DEMO_PASSWORD } from '../../../electron/cloud/seed/demo-tenant.js';
import { exchangeCode, runBrowser, startLogin, startSamlTestCloud } from '../../helpers/saml.js';
import { recordFigures } from '../results.js';

const runs = Number(process.argv[2] ?? 20);
const t = await startSamlTestCloud();
const idp = t.cloud.idps.list().find((i) => i.protocol === 'saml')!;

async function once(): Promise<{ total: number; steps: Record<string, number> }> {
  const t0 = performance.now();
  const started = await startLogin(t, idp, 'alice@acme.example');
  const t1 = performance.now();
  const run = await runBrowser(started.loginUrl, 'alice@acme.example', DEMO_PASSWORD);
  const t2 = performance.now();
  const code = run.location?.searchParams.get('code');
  if (!code) throw new Error(`no code: ${run.location?.toString() ?? run.acs.status}`);
  const { status } = await exchangeCode(t, code, started.codeVerifier);
  if (status !== 200) throw new Error(`exchange: ${status}`);
  const t3 = performance.now();
  return { total: t3 - t0, steps: { start: t1 - t0, browser: t2 - t1, exchange: t3 - t2 } };
}

await once(); // warm-up: first use generates the IdP's signing key
const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
await t.close();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const totals = results.map((r) => r.total);
console.log(`SAML sign-in over HTTP, ${runs} runs:`);
console.log(
  `  median ${median(totals).toFixed(1)} ms, min ${Math.min(...totals).toFixed(1)} ms, max ${Math.max(...totals).toFixed(1)} ms`,
);
for (const step of ['start', 'browser', 'exchange']) {
  console.log(`  ${step}: median ${median(results.map((r) => r.steps[step]!)).toFixed(1)} ms`);
}
recordFigures({
  benchmark: 'saml-sign-in',
  parameters: { runs },
  figures: [
    { measure: 'SAML sign-in over HTTP (median)', value: Math.round(median(totals)), unit: 'ms' },
  ],
});
